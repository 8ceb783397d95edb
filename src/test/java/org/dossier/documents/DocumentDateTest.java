package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class DocumentDateTest {

    @Test
    void theWaysAnArchiveWritesNoDateAreReadInAnyCaseAndInBrackets() {
        for (String undated : java.util.List.of("n.d.", "undated", "Undated", "UNDATED", "[n.d.]", "no date",
                "No date", "s.d.", "S.D.", " [ undated ] ")) {
            assertTrue(DocumentDate.saysUndated(undated), undated);
        }
    }

    @Test
    void aDateOrALineThatOnlyMentionsUndatedIsNotNoDate() {
        for (String other : java.util.List.of("", "1962", "undated [1962?]", "n.d. 1962", "Undated letter to Mao",
                "nd", "n.d", "[n.d.", "no dates", "s. d.")) {
            assertFalse(DocumentDate.saysUndated(other), other);
        }
    }

    @Test
    void whatAPersonWritesForADateIsReadAsNoneWhenItSaysUndatedAndAsParseReadsItOtherwise() {
        for (String undated : java.util.List.of("Undated", "n.d.", "[n.d.]", "No date", "s.d.", " UNDATED ")) {
            assertEquals(java.util.Optional.empty(), DocumentDate.parseOrUndated(undated), undated);
        }
        assertEquals(java.util.Optional.of(DocumentDate.ofMonth(1942, 2)), DocumentDate.parseOrUndated("February 1942"));
        assertEquals(java.util.Optional.of(DocumentDate.ofYear(1962).approximate()), DocumentDate.parseOrUndated("ca. 1962"));
        // A line that only mentions it is no date, nor the absence of one: refused as parse refuses it,
        // and told besides how to say that the document bears none.
        for (String neither : java.util.List.of("Undated letter to Mao", "n.d. 1962", "nd", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DocumentDate.parseOrUndated(neither), neither);
            String parsed = assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse(neither)).getMessage();
            assertEquals(parsed.substring(0, parsed.length() - 1) + "; or " + DocumentDate.WHEN_NONE + ")", e.getMessage());
        }
        // A date in a shape that is read, but no real one, is told what is wrong with it alone.
        assertEquals("'c. June 31, 1950' is not a real date (June 1950 has 30 days)", assertThrows(
                IllegalArgumentException.class, () -> DocumentDate.parseOrUndated("c. June 31, 1950")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DocumentDate.parseOrUndated(null));
    }

    @Test
    void anUndatedDocumentIsNeverLaterThanTheDayItIsCatalogued() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        assertEquals(java.util.Optional.empty(), DocumentDate.laterThan(java.util.Optional.empty(), today));
        assertEquals(DocumentDate.ofYear(2030).laterThan(today),
                DocumentDate.laterThan(java.util.Optional.of(DocumentDate.ofYear(2030)), today));
        assertTrue(DocumentDate.laterThan(java.util.Optional.of(DocumentDate.ofYear(2030)), today).isPresent());
    }

    @Test
    void aDayIsShownAsTheArchiveWritesIt() {
        DocumentDate date = DocumentDate.parse("May 10, 1943");
        assertEquals(DocumentDate.ofDay(1943, 5, 10), date);
        assertEquals("May 10, 1943", date.display());
        assertEquals("1943-05-10", date.iso());
        assertEquals("1943-05-10", date.key());
    }

    @Test
    void aMonthOnlyDateIsNeverShownAsADay() {
        DocumentDate date = DocumentDate.parse("February 1942");
        assertEquals(DatePrecision.MONTH, date.precision());
        assertEquals("February 1942", date.display());
        assertEquals("1942-02", date.iso());
        assertEquals("1942-02-01", date.key());
        assertEquals(LocalDate.of(1942, 2, 28), date.latest());
    }

    @Test
    void aYearOnlyDateKeepsItsPrecision() {
        DocumentDate date = DocumentDate.parse("1950");
        assertEquals(DatePrecision.YEAR, date.precision());
        assertEquals("1950", date.display());
        assertEquals("1950", date.iso());
        assertEquals(LocalDate.of(1950, 12, 31), date.latest());
    }

    @Test
    void isoFormsAndAbbreviatedMonthsAreRead() {
        assertEquals(DocumentDate.ofDay(1943, 5, 10), DocumentDate.parse("1943-05-10"));
        assertEquals(DocumentDate.ofMonth(1942, 2), DocumentDate.parse("1942-02"));
        assertEquals(DocumentDate.ofMonth(1950, 9), DocumentDate.parse("Sept. 1950"));
        assertEquals(DocumentDate.ofDay(1974, 12, 21), DocumentDate.parse("Dec. 21, 1974"));
    }

    @Test
    void aDayWrittenFirstOrWithAnOrdinalIsRead() {
        assertEquals(DocumentDate.ofDay(1950, 6, 25), DocumentDate.parse("25 June 1950"));
        assertEquals(DocumentDate.ofDay(1950, 6, 25), DocumentDate.parse("25th of June, 1950"));
        assertEquals(DocumentDate.ofDay(1950, 9, 1), DocumentDate.parse("1 Sept. 1950"));
        assertEquals(DocumentDate.ofDay(1950, 6, 22), DocumentDate.parse("June 22nd, 1950"));
        assertEquals(DocumentDate.ofDay(1950, 6, 3), DocumentDate.parse("3rd June 1950"));
        assertEquals("June 25, 1950", DocumentDate.parse("25 June 1950").display());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("31 June 1950"));
        assertTrue(e.getMessage().startsWith("'31 June 1950' is not a real date"), e.getMessage());
    }

    @Test
    void everyShapeParseReadsIsOneASeedPageLineIsTakenForADateBy() {
        for (String date : new String[] {"May 10, 1943", "10 May 1943", "10th of May, 1943", "May 10th 1943",
                "Sept. 1950", "1950", "1943-05-10", "1942-02", "1950-6-5"}) {
            DocumentDate.parse(date);
            assertTrue(DocumentDate.looksLikeDate(date), date);
        }
    }

    @Test
    void eachShapeIsToldByItsFirstCharacterAndSpacesAndItsMonthReadInAnyCase() {
        Map<String, DocumentDate> read = Map.of(
                "MAY 10, 1943", DocumentDate.ofDay(1943, 5, 10),
                "may 1943", DocumentDate.ofMonth(1943, 5),
                "sEPT. 3 1950", DocumentDate.ofDay(1950, 9, 3),
                "3 of may 1950", DocumentDate.ofDay(1950, 5, 3),
                "10 MAY, 1943", DocumentDate.ofDay(1943, 5, 10),
                "Feb 1942", DocumentDate.ofMonth(1942, 2),
                "1950", DocumentDate.ofYear(1950));
        read.forEach((text, date) -> {
            assertEquals(date, DocumentDate.parse(text), text);
            assertTrue(DocumentDate.looksLikeDate(text), text);
        });
        // Spaces folded by parse, not by looksLikeDate (a page's lines are folded before it is asked).
        assertEquals(DocumentDate.ofMonth(1943, 5), DocumentDate.parse("May  1943"));
        assertFalse(DocumentDate.looksLikeDate("May  1943"));
        for (String notADate : new String[] {"May 10 , 1943", "10 May 1943 1943", "Maybe 1943", "1943 May",
                "May 10, 19430", "-1943", "May10, 1943", "May 10,1943"}) {
            assertFalse(DocumentDate.looksLikeDate(notADate), notADate);
            assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse(notADate), notADate);
        }
    }

    @Test
    void aDayThatDoesNotExistIsRejectedWithAReadableMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DocumentDate.parse("February 30, 1950"));
        assertTrue(e.getMessage().startsWith("'February 30, 1950' is not a real date"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("1950-13"));
    }

    @Test
    void anImpossibleDayOrMonthIsExplainedInAPersonsWordsNotJavaTimes() {
        Map<String, String> messages = new java.util.LinkedHashMap<>();
        messages.put("February 30, 1950", "'February 30, 1950' is not a real date (February 1950 has 28 days)");
        messages.put("29 February 1950", "'29 February 1950' is not a real date (February 1950 has 28 days)");
        messages.put("31st of June, 1950", "'31st of June, 1950' is not a real date (June 1950 has 30 days)");
        messages.put("1950-06-00", "'1950-06-00' is not a real date (June 1950 has 30 days)");
        messages.put("1950-13", "'1950-13' is not a real date (there is no month 13: months are 1 to 12)");
        messages.put("1950-00-10", "'1950-00-10' is not a real date (there is no month 0: months are 1 to 12)");
        messages.forEach((typed, message) -> assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse(typed)).getMessage(), typed));
        assertEquals(DocumentDate.ofDay(1952, 2, 29), DocumentDate.parse("February 29, 1952"));
    }

    @Test
    void aYearBeforeOneThousandIsRefusedAsTooEarlyWhateverTheShape() {
        for (String typed : new String[] {"0000", "0999", "June 0950", "June 25, 0950", "0950-06-25"}) {
            assertEquals("'" + typed + "' is too early: a document's year is 1000 or later",
                    assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse(typed)).getMessage(), typed);
        }
        assertEquals(DocumentDate.ofYear(1000), DocumentDate.parse("1000"));
        assertEquals(DocumentDate.ofYear(950), DocumentDate.fromStored("0950-01-01", DatePrecision.YEAR, false),
                "a date stored before still reads");
    }

    @Test
    void aMisspeltMonthIsNotADate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DocumentDate.parse("Febuary 1942"));
        assertTrue(e.getMessage().startsWith("'Febuary 1942' is not a date"), e.getMessage());
    }

    @Test
    void dateShapedLinesAreRecognisedEvenWhenTheDayIsImpossible() {
        assertTrue(DocumentDate.looksLikeDate("June 31, 1950"));
        assertTrue(DocumentDate.looksLikeDate("September 1966"));
        assertTrue(DocumentDate.looksLikeDate("1950"));
        assertFalse(DocumentDate.looksLikeDate("Letter to Stalin"));
        assertFalse(DocumentDate.looksLikeDate("May the 10th"));
        assertFalse(DocumentDate.looksLikeDate("Monday 1950"));
        assertTrue(DocumentDate.looksLikeDate("31 June 1950"));
        assertTrue(DocumentDate.looksLikeDate("1950-02-30"));
        assertFalse(DocumentDate.looksLikeDate("Room 1950-2"));
        assertFalse(DocumentDate.looksLikeDate("25 Monday 1950"));
        assertFalse(DocumentDate.looksLikeDate("The report of 1950"));
        assertFalse(DocumentDate.looksLikeDate("Resolution 82 of June 25, 1950"));
    }

    @Test
    void aLineOfNothingButADatesPartsIsADateThoughParseCannotReadIt() {
        for (String date : java.util.List.of("ca. Febuary 1962", "[1962??]", "03/02/1962",
                "3.2.1962", "MCMLXII", "Spring 1962", "early 1960s", "Febuary 3, 1962", "Setpember 1962", "19620203",
                "Monday, February 3, 1962", "Sat. 3 Feb. 1962", "3.II.1962", "3 f\u00e9vrier 1962",
                "3 \u043c\u0430\u0440\u0442\u0430 1962", "May 10, 1943 (received May 12)", "1962 [copy]",
                "ca. 1962 (see note)")) {
            assertTrue(DocumentDate.madeOfDateParts(date), date);
            assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse(date), date);
        }
        // Spans are read now ("1962-1963", "February 3-5, 1962", "1962-02-03/1962-02-05"): aSpanOfYears... below.
        for (String text : java.util.List.of("Letter to Stalin", "The report of 1950", "Room 1950-2",
                "Resolution 82 of June 25, 1950", "Report 1950", "In 1962 the talks resumed.", "1962",
                "Order No. 1962", "XIV", "12/3", "Signed in Moscow, February 3, 1962, by both sides",
                "Protocol No. 3 of 1962", "Kim Il Sung 1962", "Room 1950-2", "Report (1962)",
                "The treaty (signed May 10, 1943)")) {
            assertEquals(DocumentDate.looksLikeDate(text), DocumentDate.madeOfDateParts(text), text);
        }
    }

    @Test
    void anApproximateDateIsReadWhicheverWayAnArchivistWritesItAndShownWithCa() {
        DocumentDate year = DocumentDate.ofYear(1962).approximate();
        for (String typed : java.util.List.of("ca. 1962", "ca 1962", "c. 1962", "c.1962", "circa 1962", "Circa 1962",
                "approximately 1962", "about 1962", "1962?", "[1962?]", "[ca. 1962]", " ca.  1962 ")) {
            assertEquals(year, DocumentDate.parse(typed), typed);
            assertTrue(DocumentDate.looksLikeDate(typed), typed);
        }
        assertEquals(DocumentDate.ofMonth(1962, 3).approximate(), DocumentDate.parse("circa March 1962"));
        assertEquals(DocumentDate.ofDay(1943, 5, 10).approximate(), DocumentDate.parse("May 10, 1943?"));
        assertEquals(DocumentDate.ofYear(1962), DocumentDate.parse("[1962]"), "a supplied date, in brackets, is certain");

        assertEquals("ca. 1962", year.display());
        assertEquals("ca. March 1962", DocumentDate.parse("c. March 1962").display());
        assertEquals("1962", year.iso(), "ISO, and HTML's datetime, have no 'about'");
        assertEquals("1962~", year.edtf());
        assertEquals("1962-03~", DocumentDate.parse("ca. 1962-03").edtf());
        assertEquals("1962", DocumentDate.ofYear(1962).edtf());
        assertEquals("1962-01-01", year.key(), "sorted and filtered by the day it is near");
        assertTrue(DocumentDate.ofYear(1962).compareTo(year) < 0);
    }

    @Test
    void anApproximateDateThatIsNoDateIsRefusedQuotingAllThatWasTyped() {
        assertEquals("'ca. Febuary 1962' is not a date (write it as " + DocumentDate.SHAPES + ")",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("ca. Febuary 1962")).getMessage());
        assertEquals("'c. June 31, 1950' is not a real date (June 1950 has 30 days)",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("c. June 31, 1950")).getMessage());
        for (String text : java.util.List.of("Cable 1950", "Cairo 1950", "about the 1950 talks", "Annex 1950", "[copy]",
                "ca.", "?", "Report 1950?")) {
            assertFalse(DocumentDate.looksLikeDate(text), text);
        }
    }

    @Test
    void aPartialDateMustStartOnTheFirstDayOfItsPeriod() {
        assertThrows(IllegalArgumentException.class,
                () -> new DocumentDate(LocalDate.of(1942, 2, 3), DatePrecision.MONTH));
        assertThrows(IllegalArgumentException.class,
                () -> new DocumentDate(LocalDate.of(1950, 6, 1), DatePrecision.YEAR));
    }

    @Test
    void aDateReadBackFromTheColumnsItIsStoredInIsTheSameDate() {
        for (DocumentDate date : new DocumentDate[] {DocumentDate.ofMonth(1966, 9), DocumentDate.ofYear(1962).approximate()}) {
            assertEquals(date, DocumentDate.fromStored(date.key(), date.precision(), date.circa(), date.endKey(),
                    date.endPrecision()));
        }
    }

    private static DatePoint year(int year) {
        return new DatePoint(LocalDate.of(year, 1, 1), DatePrecision.YEAR);
    }

    private static DatePoint month(int year, int month) {
        return new DatePoint(LocalDate.of(year, month, 1), DatePrecision.MONTH);
    }

    private static DatePoint day(int year, int month, int day) {
        return new DatePoint(LocalDate.of(year, month, day), DatePrecision.DAY);
    }

    @Test
    void aSpanOfYearsIsReadWhicheverWayItIsJoined() {
        DocumentDate span = DocumentDate.span(year(1961), year(1962), false);
        for (String written : new String[] {"1961-1962", "1961\u20131962", "1961 \u2013 1962", "1961/1962", "1961\u20141962",
                "1961 - 1962", "1961 to 1962", "between 1961 and 1962", "[1961-1962]"}) {
            assertEquals(span, DocumentDate.parse(written), written);
            assertTrue(DocumentDate.looksLikeDate(written), written);
        }
        assertEquals("1961\u20131962", span.display());
        assertEquals("1961/1962", span.iso());
        assertEquals("1961/1962", span.edtf());
        assertEquals("1961-01-01", span.key());
        assertEquals(LocalDate.of(1962, 12, 31), span.latest());
        assertEquals(1961, span.year());
    }

    @Test
    void eachEndOfASpanKeepsItsOwnPrecisionAndAShortStartTakesWhatItLeavesOutFromTheEnd() {
        Map<String, DocumentDate> read = Map.of(
                "March\u2013April 1962", DocumentDate.span(month(1962, 3), month(1962, 4), false),
                "March-April 1962", DocumentDate.span(month(1962, 3), month(1962, 4), false),
                "March 1962 \u2013 April 1963", DocumentDate.span(month(1962, 3), month(1963, 4), false),
                "3\u20135 June 1961", DocumentDate.span(day(1961, 6, 3), day(1961, 6, 5), false),
                "3-5 June 1961", DocumentDate.span(day(1961, 6, 3), day(1961, 6, 5), false),
                "June 3\u20135, 1961", DocumentDate.span(day(1961, 6, 3), day(1961, 6, 5), false),
                "between 3 and 5 June 1961", DocumentDate.span(day(1961, 6, 3), day(1961, 6, 5), false),
                "1961-06-03/1961-06-05", DocumentDate.span(day(1961, 6, 3), day(1961, 6, 5), false),
                "1962-03/1962-04", DocumentDate.span(month(1962, 3), month(1962, 4), false),
                "March 1961 \u2013 1962", DocumentDate.span(month(1961, 3), year(1962), false));
        read.forEach((written, span) -> assertEquals(span, DocumentDate.parse(written), written));
        assertEquals("1962-03/1962-04", DocumentDate.parse("March-April 1962").iso());
        assertEquals("1961-06-03/1961-06-05", DocumentDate.parse("3-5 June 1961").edtf());
    }

    @Test
    void aSpanIsShownWithWhatItsEndsShareSaidOnceAndReadBackAsItIsShown() {
        Map<String, String> shown = Map.of(
                "1961-1962", "1961\u20131962",
                "March-April 1962", "March\u2013April 1962",
                "March 1962 - April 1963", "March 1962 \u2013 April 1963",
                "3-5 June 1961", "June 3\u20135, 1961",
                "30 June - 2 July 1961", "June 30 \u2013 July 2, 1961",
                "1961-12-30/1962-01-02", "December 30, 1961 \u2013 January 2, 1962",
                "March 1961 - 1962", "March 1961 \u2013 1962",
                "ca. 1961-1962", "ca. 1961\u20131962");
        shown.forEach((written, display) -> {
            DocumentDate date = DocumentDate.parse(written);
            assertEquals(display, date.display(), written);
            assertEquals(date, DocumentDate.parse(date.display()), "read back: " + display);
        });
    }

    @Test
    void circaBeforeASpanIsOnTheWholeSpanAndMarksBothEndsInEdtf() {
        DocumentDate span = DocumentDate.parse("ca. 1961\u20131962");
        assertEquals(DocumentDate.span(year(1961), year(1962), true), span);
        assertEquals("1961~/1962~", span.edtf());
        assertEquals("1961/1962", span.iso());
        assertEquals(span, DocumentDate.parse("circa 1961-1962"));
        assertEquals(span, DocumentDate.parse("[ca. 1961/1962]"));
    }

    @Test
    void aSpanThatEndsBeforeItBeginsOrWhereItBeginsIsRefusedSayingWhy() {
        assertEquals("'1962-1961' ends before it begins (1961 is before 1962); a span's end comes after its start",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("1962-1961")).getMessage());
        assertEquals("'1961\u20131961' begins and ends on the same date: write it once ('1961'); a span's end comes after its start",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("1961\u20131961")).getMessage());
        assertEquals("'April-March 1962' ends before it begins (March 1962 is before April 1962); a span's end comes "
                        + "after its start",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("April-March 1962")).getMessage());
        assertEquals("'1961 - March 1961' ends within its start (March 1961 is not after 1961); a span's end comes "
                        + "after its start",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("1961 - March 1961")).getMessage());
        assertEquals("'3-31 June 1961' is not a real date (June 1961 has 30 days)",
                assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("3-31 June 1961")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DocumentDate.span(year(1962), year(1961), false));
        // A reversed span still has a date's shape: a seed page refuses it at its line rather than reading it as a title.
        assertTrue(DocumentDate.looksLikeDate("1962-1961"));
    }

    @Test
    void whatIsNoSpanStaysAsItWasRead() {
        assertEquals(DocumentDate.ofMonth(1961, 6), DocumentDate.parse("1961-06"));
        assertEquals(DocumentDate.ofDay(1961, 6, 3), DocumentDate.parse("1961-06-03"));
        assertFalse(DocumentDate.looksLikeDate("51 - 60 of 338"));
        assertFalse(DocumentDate.looksLikeDate("Telegram 1961-1962"));
        assertFalse(DocumentDate.looksLikeDate("The talks of the delegation went on through the winter of 1961-1962"),
                "a summary's last line is no span");
        assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("03/02/1962"));
        assertThrows(IllegalArgumentException.class, () -> DocumentDate.parse("1961-1962-1963"));
    }

    @Test
    void aSpanEndingAfterTodayIsRefusedNamingTheEnd() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        assertEquals("'1961\u20132030' ends after today (December 3, 2026): no document is dated later than the day "
                + "it is catalogued; check the end's year", DocumentDate.parse("1961-2030").laterThan(today).orElseThrow());
        assertTrue(DocumentDate.parse("1961-2026").laterThan(today).isEmpty());
    }

    @Test
    void aSpanSortsByItsStartThenItsEnd() {
        DocumentDate single = DocumentDate.ofYear(1961);
        DocumentDate shortSpan = DocumentDate.parse("1961-1962");
        DocumentDate longSpan = DocumentDate.parse("1961-1965");
        assertTrue(single.compareTo(shortSpan) < 0);
        assertTrue(shortSpan.compareTo(longSpan) < 0);
        assertTrue(longSpan.compareTo(DocumentDate.ofYear(1962)) < 0);
    }

    @Test
    void aSpansStoredFormRoundTrips() {
        DocumentDate span = DocumentDate.parse("ca. March 1962 - April 1963");
        assertEquals("1963-04-01", span.endKey());
        assertEquals(DatePrecision.MONTH, span.endPrecision());
        assertEquals(span, DocumentDate.fromStored(span.key(), span.precision(), span.circa(), span.endKey(),
                span.endPrecision()));
        assertEquals(null, DocumentDate.ofYear(1961).endKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "May 10, 1943          | the day                       | true",
        "ca. 1962              | the year                      | false",
        "1961–1962             | the year                      | false",
        "June 3–5, 1961        | the day                       | true",
        "June 3, 1961 – 1962   | the day, its end to the year  | false",
        "1961 – March 1962     | the year, its end to the month | false",
    })
    void howPreciselyADateIsKnownSaysEachEndOfASpan(String written, String knownTo, boolean toTheDay) {
        DocumentDate date = DocumentDate.parse(written);
        assertEquals(knownTo, date.knownTo());
        assertEquals(toTheDay, date.knownToTheDay());
    }
}
