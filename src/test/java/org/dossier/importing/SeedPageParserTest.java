package org.dossier.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class SeedPageParserTest {

    /** What cleaning a line does, said as regular expressions: spaces of every kind folded to one ... */
    private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u2007\u202F\u2000-\u200A\u3000]+");
    /** ... after the characters that show nothing are dropped. */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\u200B\u200C\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]");

    private final SeedPageParser parser = new SeedPageParser();

    private List<SeedEntry> parse(String text) throws SeedFormatException {
        return parser.parse("page.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    private SeedFormatException rejected(String text) {
        return assertThrows(SeedFormatException.class, () -> parse(text));
    }

    @Test
    void readsDateTitleAndSummaryOfEachEntryAfterTheHeader() throws Exception {
        List<SeedEntry> entries = parse("""
                Skip to content


                51 - 60 of 338


                May 10, 1943

                Letter to Stalin

                The author celebrates.

                September 6, 1942

                Letter from Lee

                Lee asks Stalin.
                """);
        assertEquals(2, entries.size());
        SeedEntry first = entries.get(0);
        assertEquals(DocumentDate.ofDay(1943, 5, 10), first.date().orElseThrow());
        assertEquals("Letter to Stalin", first.title());
        assertEquals(List.of("The author celebrates."), first.summary());
        assertEquals(1, first.position());
        assertEquals(7, first.line());
        assertEquals(2, entries.get(1).position());
        assertEquals(13, entries.get(1).line());
    }

    @Test
    void skipsResultsAndDocumentsHeaderLines() throws Exception {
        List<SeedEntry> entries = parse("Skip to content\n\nResults:\n\n1 - 10 of 10\n\nDocuments\n\n"
                + "July 30, 1951\n\nTelegram from Gromyko\n\nKim's letter.");
        assertEquals(1, entries.size());
        assertEquals("Telegram from Gromyko", entries.get(0).title());
        assertEquals(List.of("Kim's letter."), entries.get(0).summary());
    }

    @Test
    void toleratesByteOrderMarkCarriageReturnsAndOddSpaces() throws Exception {
        List<SeedEntry> entries = parse("\uFEFFSkip to content\r\n\r\n1 - 1 of 1\r\n\r\nMay\u00A010,  1943\r\n\r\n"
                + "Letter\u00A0to  Stalin \r\n\r\nThe\u2009author\u00A0 celebrates.\r\n");
        assertEquals(1, entries.size());
        assertEquals(DocumentDate.ofDay(1943, 5, 10), entries.get(0).date().orElseThrow());
        assertEquals("Letter to Stalin", entries.get(0).title());
        assertEquals(List.of("The author celebrates."), entries.get(0).summary());
    }

    @Test
    void aPageWhoseLinesEndInCrCrLfReadsAsOneWithCrLf() throws Exception {
        String page = "May 10, 1943\n\nA long title wrapped\nover two lines\n\nSummary line one\nline two.\n\n"
                + "June 31, 1950\n\nReport\n";
        SeedFormatException plain = rejected(page.replace("\n", "\r\n"));
        SeedFormatException converted = rejected(page.replace("\n", "\r\r\n"));
        assertEquals(plain.problems(), converted.problems());
        assertEquals(9, converted.problems().get(0).line());
        List<SeedEntry> entries = parse(page.substring(0, page.indexOf("June")).replace("\n", "\r\r\n"));
        assertEquals("A long title wrapped over two lines", entries.get(0).title());
        assertEquals(List.of("Summary line one line two."), entries.get(0).summary());
    }

    @Test
    void aPageWhoseLinesEndInCrNelReadsAsOneWithCrLf() throws Exception {
        String page = "May 10, 1943\n\nA long title wrapped\nover two lines\n\nSummary line one\nline two.\n\n"
                + "June 31, 1950\n\nReport\n";
        SeedFormatException plain = rejected(page.replace("\n", "\r\n"));
        SeedFormatException converted = rejected(page.replace("\n", "\r\u0085"));
        assertEquals(plain.problems(), converted.problems());
        assertEquals(9, converted.problems().get(0).line());
        List<SeedEntry> entries = parse(page.substring(0, page.indexOf("June")).replace("\n", "\r\u0085"));
        assertEquals("A long title wrapped over two lines", entries.get(0).title());
        assertEquals(List.of("Summary line one line two."), entries.get(0).summary());
        // Astride two reads of the page (64 KiB at a time), the CR at the end of the first.
        String head = "June 1, 1950\r\u0085\r\u0085T\r\u0085\r\u0085".repeat(2_500) + "May 10, 1943\r\u0085Title\r\u0085\r\u0085";
        for (int shift = 0; shift < 3; shift++) {
            String filler = "x".repeat((1 << 16) - 2 + shift - head.getBytes(StandardCharsets.UTF_8).length);
            List<SeedEntry> astride = parse(head + filler + "\r\u0085second half\r\u0085\r\u0085last.\r\u0085");
            assertEquals("Title", astride.get(2_500).title(), "shift " + shift);
            assertEquals(List.of(filler + " second half", "last."), astride.get(2_500).summary(), "shift " + shift);
        }
    }

    @Test
    void nelLineAndParagraphSeparatorsEndLinesAsLfDoesNotGlueThemTogether() throws Exception {
        String page = "Documents\n\nMay 10, 1943\nA long title wrapped\nover two lines\n\nSummary line one\nline two.\n\n"
                + "June 31, 1950\n\nReport\n";
        SeedFormatException plain = rejected(page);
        String valid = page.substring(0, page.indexOf("June"));
        for (String end : new String[] {"\u0085", "\u2028", "\u2029"}) {
            String converted = page.replace("\n", end);
            assertEquals(plain.problems(), rejected(converted).problems(), "line end U+" + (int) end.charAt(end.length() - 1));
            List<SeedEntry> entries = parse(valid.replace("\n", end));
            assertEquals(1, entries.size());
            assertEquals(DocumentDate.ofDay(1943, 5, 10), entries.get(0).date().orElseThrow());
            assertEquals("A long title wrapped over two lines", entries.get(0).title());
            assertEquals(List.of("Summary line one line two."), entries.get(0).summary());
        }
        // Beside ordinary line ends, and astride two reads of the page (64 KiB at a time): each is one line end.
        String head = "June 1, 1950\n\nT\n\n".repeat(3_000) + "May 10, 1943\r\nTitle\u2028second line\u0085\u0085Summary\u2029";
        for (int shift = 0; shift < 3; shift++) {
            String filler = "x".repeat((1 << 16) - 2 + shift - head.getBytes(StandardCharsets.UTF_8).length);
            List<SeedEntry> entries = parse(head + filler + "\u2028last.\n");
            assertEquals("Title second line", entries.get(3_000).title());
            assertEquals(List.of("Summary " + filler + " last."), entries.get(3_000).summary(), "shift " + shift);
        }
    }

    @Test
    void htmlCharacterReferencesOfAPageScrapedFromTheWebAreReadAsTheirCharactersOnce() throws Exception {
        List<SeedEntry> entries = parse("May&nbsp;10, 1943\n\nChurchill &amp; Stalin: Ren&eacute;&#8217;s cable&#x2019;s "
                + "copy, Cafe&#769;\n\nAT&T and &amp;eacute; and &foo; and &ampfoo; and &amp and &#233 and &#0;x\n");
        assertEquals(DocumentDate.ofDay(1943, 5, 10), entries.get(0).date().orElseThrow());
        assertEquals("Churchill & Stalin: René’s cable’s copy, Café", entries.get(0).title());
        // Decoded once; what is no well-formed reference is text.
        assertEquals(List.of("AT&T and &eacute; and &foo; and &ampfoo; and &amp and &#233 and \uFFFDx"),
                entries.get(0).summary());
        // A reference to a space or to nothing visible is cleaned as the character itself is.
        assertEquals("Letter to Stalin", parse("May 10, 1943\n\nLetter&#160;&nbsp;to&#8203; Stalin&#9;\n").get(0).title());
    }

    @Test
    void aLineEndSplitAcrossTwoReadsOfALargePageIsOneLineEnd() throws Exception {
        // The reader takes 64 KiB at a time: put the CR CR LF that ends a line astride the edge of the first read.
        String head = "June 1, 1950\r\r\n\r\r\nT\r\r\n\r\r\n".repeat(2_500) + "May 10, 1943\r\r\n\r\r\nTitle\r\r\n\r\r\n";
        for (int shift = 0; shift < 3; shift++) {
            String filler = "x".repeat((1 << 16) - 2 + shift - head.length());
            List<SeedEntry> entries = parse(head + filler + "\r\r\nsecond half\r\r\n\r\r\nlast.\r\r\n");
            assertEquals(2_501, entries.size(), "shift " + shift);
            assertEquals(List.of(filler + " second half", "last."), entries.get(2_500).summary(), "shift " + shift);
        }
    }

    @Test
    void controlCharactersInAPageAreDroppedLikeTheOtherCharactersThatShowNothing() throws Exception {
        List<SeedEntry> entries = parse("Documents\n\nMay 10,\u0000 1943\n\nLetter\u0007 to Stalin\u001B\n\n"
                + "The author\u007F celebrates\u009B.\n");
        assertEquals(1, entries.size());
        assertEquals(DocumentDate.ofDay(1943, 5, 10), entries.get(0).date().orElseThrow());
        assertEquals("Letter to Stalin", entries.get(0).title());
        assertEquals(List.of("The author celebrates."), entries.get(0).summary());
    }

    @Test
    void bidiControlsThatWouldTurnTheRestOfALineAroundAreDroppedAndDirectionMarksKept() throws Exception {
        List<SeedEntry> entries = parse("Documents\n\nMay 10, 1943\n\nLetter \u202Eto Stalin\n\n"
                + "The \u2067author\u200F celebrates.\n");
        assertEquals("Letter to Stalin", entries.get(0).title());
        assertEquals(List.of("The author\u200F celebrates."), entries.get(0).summary());
    }

    @Test
    void anEntryWithoutSummaryEndsWhereTheNextDateBegins() throws Exception {
        List<SeedEntry> entries = parse("""
                October 11, 1956

                I. Tugarinov to Cde. B.N. Ponomarev, 'Concentering the Situation on Taiwan (Memorandum)'

                August 19, 1952

                From the Journal of A. Ya. Vyshinsky

                Vyshinsky and Zhou briefly discuss.
                """);
        assertEquals(2, entries.size());
        assertEquals(List.of(), entries.get(0).summary());
        assertEquals(List.of("Vyshinsky and Zhou briefly discuss."), entries.get(1).summary());
    }

    @Test
    void keepsEveryParagraphOfALongSummary() throws Exception {
        List<SeedEntry> entries = parse("""
                March 14, 1948

                Stenographic Record of a Speech

                A purported speech by Stalin.

                Brian Murray questions the validity
                of the document.
                """);
        assertEquals(List.of("A purported speech by Stalin.", "Brian Murray questions the validity of the document."),
                entries.get(0).summary());
    }

    @Test
    void readsMonthOnlyAndYearOnlyDatesWithTheirPrecision() throws Exception {
        List<SeedEntry> entries = parse("February 1942\n\nLetter\n\nSummary.\n\n1950\n\nReport\n\nSummary.\n");
        assertEquals(new DocumentDate(java.time.LocalDate.of(1942, 2, 1), DatePrecision.MONTH), entries.get(0).date().orElseThrow());
        assertEquals("February 1942", entries.get(0).date().orElseThrow().display());
        assertEquals(DatePrecision.YEAR, entries.get(1).date().orElseThrow().precision());
        assertEquals("1950", entries.get(1).date().orElseThrow().display());
    }

    @Test
    void aDayWrittenFirstWithAnOrdinalOrAsIsoStartsAnEntryOfItsOwn() throws Exception {
        // Until these shapes were known, each such line and its entry were read as more summary of the entry before.
        List<SeedEntry> entries = parse("""
                May 10, 1943

                Letter to Stalin

                The author celebrates.

                1950-06-25

                Telegram from Pyongyang

                Second summary.

                25 June 1950

                Cable from Seoul

                25th of June, 1950

                Note from London

                June 26th, 1950

                Memorandum from Washington

                1950-07

                Report from Tokyo
                """);
        assertEquals(List.of("Letter to Stalin", "Telegram from Pyongyang", "Cable from Seoul", "Note from London",
                "Memorandum from Washington", "Report from Tokyo"), entries.stream().map(SeedEntry::title).toList());
        assertEquals(List.of("The author celebrates."), entries.get(0).summary());
        assertEquals(List.of(DocumentDate.ofDay(1943, 5, 10), DocumentDate.ofDay(1950, 6, 25), DocumentDate.ofDay(1950, 6, 25),
                DocumentDate.ofDay(1950, 6, 25), DocumentDate.ofDay(1950, 6, 26), DocumentDate.ofMonth(1950, 7)),
                entries.stream().map(e -> e.date().orElseThrow()).toList());
    }

    @Test
    void aDayWrittenFirstThatIsNotARealDayIsAnErrorAtItsLine() {
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nSummary.\n\n31 June 1950\n\nReport\n\n1950-02-30\n\nNote\n");
        assertEquals(List.of(7, 11), e.problems().stream().map(SeedProblem::line).toList());
        assertTrue(e.getMessage().contains("'31 June 1950' is not a real date"), e.getMessage());
    }

    @Test
    void aTitleWrittenDirectlyUnderItsDateBelongsToIt() throws Exception {
        List<SeedEntry> entries = parse("May 10, 1943\nLetter to Stalin\n\nSummary.\n");
        assertEquals("Letter to Stalin", entries.get(0).title());
        assertEquals(List.of("Summary."), entries.get(0).summary());
    }

    @Test
    void aDateBeforeTheYearOneThousandIsAnErrorAtItsLineAndAnImpossibleDaySaysHowManyDaysItsMonthHas() {
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nSummary.\n\n0000\n\nReport\n\n"
                + "February 30, 1950\n\nCable\n");
        assertEquals(List.of("page.txt:7: '0000' is too early: a document's year is 1000 or later",
                "page.txt:11: 'February 30, 1950' is not a real date (February 1950 has 28 days)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aDateAfterTheDayThePageIsImportedIsAnErrorAtItsLine() {
        SeedPageParser onTheDay = new SeedPageParser(java.time.LocalDate.of(2026, 12, 3));
        SeedFormatException e = assertThrows(SeedFormatException.class, () -> onTheDay.parse("page.txt",
                "May 10, 1943\n\nLetter\n\nSummary.\n\nJune 1, 2030\n\nReport\n\nDecember 2026\n\nCable\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("page.txt:7: 'June 1, 2030' is after today (December 3, 2026): no document is dated later"
                + " than the day it is catalogued; check the year"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aDateThatIsNotARealDayIsAnErrorAtItsLine() {
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nSummary.\n\nJune 31, 1950\n\nReport\n\nText.\n");
        assertEquals(1, e.problems().size());
        assertEquals(7, e.problems().get(0).line());
        assertTrue(e.getMessage().startsWith("page.txt:7: "), e.getMessage());
        assertTrue(e.getMessage().contains("June 31, 1950"), e.getMessage());
    }

    @Test
    void aDateWrittenInAShapeThatIsNotReadIsAnErrorAtItsLineNotAParagraphOfTheEntryBefore() {
        for (String date : List.of("ca. Febuary 1962", "03/02/1962", "MCMLXII", "Febuary 3, 1962",
                "Monday, February 3, 1962", "3 f\u00e9vrier 1962", "May 10, 1943 (received May 12)")) {
            SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nSummary.\n\n" + date
                    + "\n\nReport\n\nText.\n\nJune 1, 1950\n\nCable\n");
            assertEquals(List.of("page.txt:7: '" + date + "' is not a date (write it as " + DocumentDate.SHAPES + "; or "
                    + DocumentDate.WHEN_NONE + "); write "
                    + "the date in one of those shapes, and what else the line says in the summary"),
                    e.problems().stream().map(Object::toString).toList());
        }
    }

    @Test
    void aSpanIsReadAsADateEachEndWithItsOwnPrecision() throws Exception {
        List<SeedEntry> entries = parse("1961\u20131962\n\nTelegrams\n\nSummary.\n\nMarch-April 1962\n\nReport\n\n"
                + "3\u20135 June 1961\n\nLetter\n\nca. 1961/1962\n\nNotes\n\nMay 10, 1943\n\nNote\n");
        assertEquals(List.of("1961\u20131962", "March\u2013April 1962", "June 3\u20135, 1961", "ca. 1961\u20131962",
                "May 10, 1943"), entries.stream().map(e -> e.date().orElseThrow().display()).toList());
        assertEquals(List.of("Telegrams", "Report", "Letter", "Notes", "Note"), entries.stream().map(SeedEntry::title).toList());
        assertEquals(List.of("Summary."), entries.get(0).summary());
    }

    @Test
    void aSpanThatEndsBeforeItBeginsIsAnErrorAtItsLine() {
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nSummary.\n\n1962\u20131961\n\nReport\n\nText.\n");
        assertEquals(List.of("page.txt:7: '1962\u20131961' ends before it begins (1961 is before 1962); a span's end comes"
                + " after its start"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aSpansIdentityHasItsEndAndASingleDatesIsAsBefore() throws Exception {
        List<SeedEntry> entries = parse("1961\n\nTelegrams\n\nSummary.\n\n1961-1962\n\nTelegrams\n\nSummary.\n");
        assertNotEquals(entries.get(0).identity(), entries.get(1).identity());
    }

    @Test
    void anApproximateDateIsReadAsTheDateItIsNearMarkedApproximate() throws Exception {
        List<SeedEntry> entries = parse("ca. 1962\n\nLetter\n\nSummary.\n\n[1962?]\n\nReport\n\n"
                + "circa March 1962\n\nCable\n\nMay 10, 1943\n\nNote\n");
        assertEquals(List.of(DocumentDate.ofYear(1962).approximate(), DocumentDate.ofYear(1962).approximate(),
                DocumentDate.ofMonth(1962, 3).approximate(), DocumentDate.ofDay(1943, 5, 10)),
                entries.stream().map(e -> e.date().orElseThrow()).toList());
        assertEquals(List.of("Letter", "Report", "Cable", "Note"), entries.stream().map(SeedEntry::title).toList());
        assertEquals(List.of("Summary."), entries.get(0).summary(), "the next date line is no paragraph of its summary");
    }

    @Test
    void aParagraphThatOnlyMentionsADateStaysInTheSummary() throws Exception {
        List<SeedEntry> entries = parse("May 10, 1943\n\nLetter\n\nIn 1962 the talks resumed.\n\n"
                + "Signed in Moscow, February 3, 1962, by both sides.\n");
        assertEquals(List.of("In 1962 the talks resumed.", "Signed in Moscow, February 3, 1962, by both sides."),
                entries.get(0).summary());
    }

    @Test
    void aDateWithoutATitleIsAnError() {
        SeedFormatException e = rejected("May 10, 1943\n\nJune 1, 1950\n\nReport\n\nText.\n");
        assertEquals("page.txt:1: the date 'May 10, 1943' has no title after it", e.problems().get(0).toString());
        SeedFormatException atEnd = rejected("May 10, 1943\n\nLetter\n\nJune 1, 1950\n");
        assertEquals(5, atEnd.problems().get(0).line());
    }

    @Test
    void textBeforeTheFirstDateIsAnError() {
        SeedFormatException e = rejected("Skip to content\n\nSomething unexpected\n\nMay 10, 1943\n\nLetter\n");
        assertEquals(3, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().contains("expected a date line"));
    }

    @Test
    void aPageWithoutEntriesIsAnError() {
        assertTrue(rejected("Skip to content\n\n1 - 10 of 10\n").getMessage().contains("no documents found"));
        assertTrue(rejected("").getMessage().startsWith("page.txt:1: no documents found"));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedAtTheirLine() {
        byte[] latin1 = "May 10, 1943\n\nLetter to Gen. Rola-\u017Bymierski\n\nCaf\u00E9\n".getBytes(StandardCharsets.ISO_8859_1);
        SeedFormatException e = assertThrows(SeedFormatException.class, () -> parser.parse("latin1.txt", latin1));
        assertEquals(5, e.problems().get(0).line());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aUtf16PageWithOrWithoutItsByteOrderMarkIsRefusedNotReadAsMangledAscii() {
        String page = "May 10, 1943\r\n\r\nLetter from \u0421\u0442\u0430\u043b\u0438\u043d\r\n\r\nStalin\u2019s victories.\r\n";
        for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16")) {
            byte[] bytes = page.getBytes(java.nio.charset.Charset.forName(charset));
            SeedFormatException e = assertThrows(SeedFormatException.class, () -> parser.parse("old.txt", bytes), charset);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals(1, e.problems().get(0).line(), e.getMessage());
            assertTrue(e.getMessage().contains("UTF-16 text, not UTF-8"), e.getMessage());
            assertTrue(e.getMessage().endsWith("save the page as UTF-8"), e.getMessage());
        }
    }

    @Test
    void nulPaddingOfAFixedWidthExportIsDroppedNotTakenForUtf16() throws Exception {
        String padding = "\u0000".repeat(40);
        List<SeedEntry> entries = parse("May 10, 1943" + padding + "\n\nLetter to Stalin" + padding + "\n\nSummary." + padding + "\n");
        assertEquals("Letter to Stalin", entries.get(0).title());
        assertEquals(List.of("Summary."), entries.get(0).summary());
    }

    @Test
    void aTitleOrSummaryLongerThanAnEditorCouldSaveIsAnErrorAtItsLine() throws Exception {
        String longest = "x".repeat(org.dossier.documents.RecordDraft.LONGEST_TITLE);
        String paragraph = "y".repeat(9_999);
        assertEquals(1, parse("May 10, 1943\n\n" + longest + "\n\n" + paragraph + "\n\n" + paragraph + "\n").size(),
                "a title of 500 characters and a summary of 20,000 (two paragraphs and the blank line between) are read");
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nShort.\n\nJune 1, 1950\n\n" + longest + "x\n\n"
                + paragraph + "\n\n" + paragraph + "y\n\nJuly 1, 1950\n\nCable\n");
        assertEquals(List.of("page.txt:9: the title has 501 characters; a record's title has at most 500 (an editor "
                        + "could not save it): shorten it, or begin the summary after a blank line",
                "page.txt:11: the summary has 20001 characters; a record's summary has at most 20000 (an editor could "
                        + "not save it): shorten it, or check for a missing date line"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aFileWithoutLineEndsIsRefusedAtTheLineThatOutgrowsAnyPageNotReadWhole() {
        byte[] noLineEnds = new byte[3 << 20];
        java.util.Arrays.fill(noLineEnds, (byte) 'x');
        byte[] page = ("May 10, 1943\n\nLetter\n\n" + "Summary.\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = java.util.Arrays.copyOf(page, page.length + noLineEnds.length);
        System.arraycopy(noLineEnds, 0, both, page.length, noLineEnds.length);
        SeedFormatException e = assertThrows(SeedFormatException.class, () -> parser.parse("dump.txt", both));
        assertEquals(List.of("dump.txt:6: a line of more than 1 MB, longer than any title or summary may be: this is "
                + "no seed page, or its lines end in something other than LF, CRLF or CR"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aPageReadNoFurtherForItsManyProblemsSaysWhereItStopped() {
        SeedFormatException e = rejected("June 31, 1950\n\nReport\n\n".repeat(150));
        assertEquals(SeedPageParser.MOST_PROBLEMS + 1, e.problems().size());
        assertEquals("page.txt:" + (4 * SeedPageParser.MOST_PROBLEMS + 1) + ": not read from here on: a page is read no "
                + "further after 100 problems; mend these and import it again", e.problems().get(SeedPageParser.MOST_PROBLEMS).toString());
        assertEquals(SeedPageParser.MOST_PROBLEMS, rejected("June 31, 1950\n\nReport\n\n".repeat(100)).problems().size(),
                "a page with no more than that says nothing of the kind");
    }

    @Test
    void pagesPutOneAfterTheOtherReadAsTheyDoApartTheSecondHeaderInNoSummary() throws Exception {
        String first = "Skip to content\n\n1 - 2 of 4\n\nDocuments\n\nMay 10, 1943\n\nLetter\n\nSummary one.\n\n"
                + "June 1, 1950\n\nReport\n\nIts summary.";
        String second = "Skip to content\n\nResults:\n\n3 - 4 of 4\n\nDocuments\n\nJuly 2, 1951\n\nCable\n\n"
                + "Cable summary.\n";
        List<SeedEntry> apart = new java.util.ArrayList<>(parse(first + "\n"));
        apart.addAll(parse(second));
        // The first page without a line end at its end, as cat puts it before the second.
        for (String joint : List.of("", "\n", "\n\n")) {
            List<SeedEntry> together = parse(first + joint + second);
            assertEquals(apart.stream().map(e -> e.title() + e.summary()).toList(),
                    together.stream().map(e -> e.title() + e.summary()).toList(), joint);
            assertEquals(List.of(7, 13, 25 + joint.length()), together.stream().map(SeedEntry::line).toList());
        }
        // The first page's last entry without a summary: its title is the block the header follows.
        String noSummary = first.substring(0, first.lastIndexOf("\n\n"));
        List<SeedEntry> apartToo = new java.util.ArrayList<>(parse(noSummary + "\n"));
        apartToo.addAll(parse(second));
        for (String joint : List.of("", "\n", "\n\n")) {
            assertEquals(apartToo.stream().map(e -> e.title() + e.summary()).toList(),
                    parse(noSummary + joint + second).stream().map(e -> e.title() + e.summary()).toList(), joint);
        }
        SeedFormatException e = rejected(first + "\nSkip to content\n\nSomething unexpected\n\nJuly 2, 1951\n\nCable\n");
        assertEquals(List.of("page.txt:20: expected a date line such as 'May 10, 1943' before 'Something unexpected'"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void anEntryWhoseDateLineSaysItBearsNoDateIsAnUndatedEntryNotPartOfTheSummaryBeforeIt() throws Exception {
        for (String undated : List.of("Undated", "n.d.", "[n.d.]", "No date", "UNDATED", "s.d.", "[s.d.]", "no date")) {
            List<SeedEntry> entries = parse("May 10, 1943\n\nLetter\n\nSummary.\n\n" + undated
                    + "\n\nA letter without a date\n\nSomeone writes.\n");
            assertEquals(2, entries.size(), undated);
            assertEquals(List.of("Summary."), entries.get(0).summary(), undated);
            SeedEntry none = entries.get(1);
            assertEquals(java.util.Optional.empty(), none.date(), undated);
            assertEquals("A letter without a date", none.title(), undated);
            assertEquals(List.of("Someone writes."), none.summary(), undated);
            assertEquals("page.txt:7", none.location(), undated);
            assertEquals(2, none.position(), undated);
        }
        // First on its page, after the header, its title straight under it, and without a summary.
        List<SeedEntry> first = parse("Skip to content\n\n1 - 2 of 2\n\nn.d.\nA letter\n\nUndated\n\nA note\n");
        assertEquals(List.of("A letter", "A note"), first.stream().map(SeedEntry::title).toList());
        assertTrue(first.stream().allMatch(e -> e.date().isEmpty() && e.summary().isEmpty()));
    }

    @Test
    void anUndatedEntryWithNoTitleIsRefusedAtItsLine() {
        SeedFormatException e = rejected("May 10, 1943\n\nLetter\n\nUndated\n\nJune 1, 1943\n\nCable\n");
        assertEquals(List.of("page.txt:5: the date 'Undated' has no title after it"),
                e.problems().stream().map(Object::toString).toList());
    }

    /**
     * An undated entry is found again by a re-import as a dated one is: its hash is the same however
     * its page wrote that it bears no date, pinned here (the hash of "undated", the title and the
     * summary) so that no later change moves it, and it is never the hash of a dated entry's.
     */
    @Test
    void anUndatedEntrysIdentityIsStableWhateverWordSaidItAndNeverADatedOnes() throws Exception {
        String words = "\n\nLetter\n\nFirst.\n\nSecond.\n";
        SeedEntry undated = parse("Undated" + words).get(0);
        assertEquals("a340332fe7b489db9b127d8afa5cd6069015c4aa8bc2e8de8c959db309e08f3e", undated.identity());
        for (String same : List.of("n.d.", "[n.d.]", "No date", "s.d.")) {
            assertEquals(undated.identity(), parse(same + words).get(0).identity(), same);
        }
        for (String dated : List.of("May 10, 1943", "1943", "ca. 1943", "1943–1944")) {
            assertNotEquals(undated.identity(), parse(dated + words).get(0).identity(), dated);
        }
        assertNotEquals(undated.identity(), parse("Undated\n\nLetter\n\nFirst.\n").get(0).identity());
    }

    @Test
    void identityIgnoresWhitespaceButNotWords() throws Exception {
        SeedEntry a = parse("May 10, 1943\n\nLetter  to Stalin\n\nSummary.\n").get(0);
        SeedEntry b = parse("May 10, 1943\n\nLetter to\u00A0Stalin\n\nSummary. \n").get(0);
        SeedEntry otherSummary = parse("May 10, 1943\n\nLetter to Stalin\n\nAnother summary.\n").get(0);
        SeedEntry otherDay = parse("May 11, 1943\n\nLetter to Stalin\n\nSummary.\n").get(0);
        assertEquals(a.identity(), b.identity());
        assertNotEquals(a.identity(), otherSummary.identity());
        assertNotEquals(a.identity(), otherDay.identity());
    }

    /**
     * An import finds the records it made before by this hash: a certain date must hash as it did
     * before dates could be approximate (the value is the hash of "1943-05-10", "day", the title
     * and the summary, as every earlier import stored it), an approximate one must not hash as
     * the certain date it is near.
     */
    @Test
    void anEntrysIdentityIsTheHashEveryEarlierImportStoredAndAnApproximateDateMakesAnotherDocument() throws Exception {
        SeedEntry certain = parse("May 10, 1943\n\nLetter\n\nFirst.\n\nSecond.\n").get(0);
        assertEquals("bb2d0e3e5f7447079198b524ff5803a3dc3e522e3ff9ae6aaf5ad51c848a8993", certain.identity());
        SeedEntry approximate = parse("ca. May 10, 1943\n\nLetter\n\nFirst.\n\nSecond.\n").get(0);
        assertNotEquals(certain.identity(), approximate.identity());
        assertEquals(approximate.identity(), parse("[May 10, 1943?]\n\nLetter\n\nFirst.\n\nSecond.\n").get(0).identity());
    }

    @Test
    void everySeedPageParsesToTenEntries() throws Exception {
        try (var pages = Files.list(Path.of("seeds"))) {
            List<Path> files = pages.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            assertEquals(5, files.size());
            for (Path file : files) {
                List<SeedEntry> entries = parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
                assertEquals(10, entries.size(), file.toString());
            }
        }
    }

    @Test
    void cleaningALineDropsInvisibleCharactersThenFoldsEverySpaceAsTheRegularExpressionsSay() {
        String[] pieces = {"a", "Z", "9", " ", "  ", "\t", "\n", "\r", "\u000B", "\f", "\u00A0", "\u2000", "\u2007", "\u200A",
                "\u202F", "\u3000", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u001F", "\u0000", "\u0007", "\u007F", "\u0085", "\u202E", "\u2067", "\u200F", "\u2028", "’", "é",
                "e\u0301", "\uD835\uDC00"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String composed = java.text.Normalizer.normalize(line, java.text.Normalizer.Form.NFC);
            String expected = SPACES.matcher(INVISIBLE.matcher(composed).replaceAll("")).replaceAll(" ").strip();
            assertEquals(expected, SeedPageParser.clean(line.toString()), line.toString());
        }
    }
}
