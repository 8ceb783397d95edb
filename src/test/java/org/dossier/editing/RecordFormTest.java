package org.dossier.editing;

import org.dossier.documents.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dossier.authorities.PersonRole;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class RecordFormTest {

    private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 12, 3);
    private static final AuthorityChoices CHOICES = new AuthorityChoices(
            List.of(new AuthorityRef(4, "letter", "Letter")),
            List.of(new AuthorityRef(1, "stalin", "Joseph Stalin"), new AuthorityRef(7, "shtykov", "Terentii Shtykov")),
            List.of(new AuthorityRef(2, "dprk", "North Korea (DPRK)")));

    private static RecordForm form(String title, String date, String type, List<String> people, String note) {
        return new RecordForm(title, date, "First paragraph.\r\n\r\nSecond paragraph.", type, people, List.of("2"), note);
    }

    @Test
    void aGoodFormBecomesADraftWithItsParagraphsAndChoices() {
        RecordForm.Checked checked = form("  A letter ", "February 1942", "4", List.of("7", "1"), " Fixed the date ")
                .check(CHOICES, TODAY);
        assertTrue(checked.ok(), checked.errors().toString());
        assertEquals(new RecordDraft("A letter", List.of("First paragraph.", "Second paragraph."),
                DocumentDate.ofMonth(1942, 2), 4, RecordDraft.inRole(List.of(7, 1), PersonRole.MENTIONED),
                new TreeSet<>(List.of(2)), Languages.NONE), checked.draft());
        assertEquals("Fixed the date", checked.note());
    }

    /** "é" typed as e and a combining accent (macOS, text pasted from a PDF): two characters typed, one stored. */
    private static final String DECOMPOSED_E = "e\u0301";

    @Test
    void aTitleAndASummaryAreCountedAsStoredSoComposedLettersAndFoldedSpacesFitTheirLimits() {
        // 1,100 characters typed; as stored, composed and one space apart: 499.
        String title = (DECOMPOSED_E.repeat(4) + " \u00A0 ").repeat(100);
        // 22,000 characters typed; 19,999 stored.
        String summary = (DECOMPOSED_E.repeat(9) + "  ").repeat(2_000);
        RecordForm.Checked checked = new RecordForm(title, "1950", summary, "", List.of(), List.of(), "note")
                .check(CHOICES, TODAY);
        assertTrue(checked.ok(), checked.errors().toString());
        assertEquals(RecordForm.MAX_TITLE - 1, checked.draft().title().length());
        assertEquals(RecordForm.MAX_SUMMARY - 1, checked.draft().summaryText().length());

        RecordForm.Checked over = new RecordForm(DECOMPOSED_E.repeat(501), "1950", DECOMPOSED_E.repeat(20_001), "",
                List.of(), List.of(), "note").check(CHOICES, TODAY);
        assertEquals("A title has at most 500 characters; this one has 501.", over.errors().get("title"));
        assertEquals("A summary has at most 20000 characters; this one has 20001.", over.errors().get("summary"));
    }

    @Test
    void numberedPeopleComeInTheirNumbersOrderWithinTheirRolesAndUnnumberedOnesAfterAsListed() {
        List<String> listed = List.of("1", "7", "3", "5");
        List<AuthorityRef> four = List.of(new AuthorityRef(1, "stalin", "Joseph Stalin"),
                new AuthorityRef(3, "molotov", "Vyacheslav Molotov"), new AuthorityRef(5, "mao-zedong", "Mao Zedong"),
                new AuthorityRef(7, "shtykov", "Terentii Shtykov"));
        AuthorityChoices choices = new AuthorityChoices(List.of(), four, List.of());
        RecordForm typed = new RecordForm("A letter", "1950", "", "", "", listed,
                Map.of("1", "author", "7", "mentioned", "3", "author", "5", "recipient"),
                Map.of("1", "2", "3", " 1 ", "5", ""), List.of(), "Molotov signed first");
        RecordDraft draft = typed.check(choices, TODAY).draft();
        assertEquals(List.of(3, 1, 5, 7), List.copyOf(draft.people().keySet()),
                "authors first, Molotov (1) before Stalin (2), then the recipient, then the one mentioned");

        Map<Integer, PersonRole> byId = new java.util.LinkedHashMap<>();
        byId.put(1, PersonRole.AUTHOR);
        byId.put(3, PersonRole.AUTHOR);
        byId.put(5, PersonRole.RECIPIENT);
        byId.put(7, PersonRole.MENTIONED);
        RecordDraft sameSetOtherOrder = new RecordDraft(draft.title(), draft.summary(), draft.date(), null, byId,
                draft.places(), Languages.NONE);
        assertFalse(sameSetOtherOrder.equals(draft), "the same people in another order are another draft");
        assertEquals(List.of(1, 3, 5, 7), List.copyOf(sameSetOtherOrder.people().keySet()));
    }

    @Test
    void aPlaceInTheOrderThatIsNotAWholeNumberFromOneIsRefusedAtThePeople() {
        for (String bad : List.of("first", "0", "2.5", "-1", "1000")) {
            RecordForm typed = new RecordForm("A letter", "1950", "", "", "", List.of("1"), Map.of("1", "author"),
                    Map.of("1", bad), List.of(), "note");
            assertEquals("'" + bad + "' is not a place in the order: write 1 for the first, 2 for the second, and so on "
                    + "(up to 999), or leave it blank.", typed.check(CHOICES, TODAY).errors().get("people"), bad);
            assertEquals(bad, typed.orderOf(1), "kept as typed");
        }
    }

    @Test
    void aBadDateIsNamedBesideItsFieldWithTheReason() {
        RecordForm.Checked checked = form("A letter", "Febuary 1942", "", List.of(), "note").check(CHOICES, TODAY);
        assertEquals(Map.of("date", "'Febuary 1942' is not a date (write it as 'May 10, 1943', '10 May 1943', 'February 1942' or '1950', "
                + "'ca. 1962' when approximate, and '1961–1962' or 'March–April 1962' for a span; or 'Undated' when the "
                + "document bears none)"),
                checked.errors());
        assertFalse(checked.ok());
    }

    @Test
    void everyMissingFieldIsNamedAtOnce() {
        RecordForm.Checked checked = form(" ", "", "", List.of(), "  ").check(CHOICES, TODAY);
        assertEquals(List.of("title", "date", "note"), List.copyOf(checked.errors().keySet()));
        assertEquals("Say what you corrected and why: the note is kept in the history.", checked.errors().get("note"));
    }

    @Test
    void aTitleOrNoteOfNoBreakOrZeroWidthSpacesAloneIsMissingNotAnInvisibleRecord() {
        RecordForm.Checked checked = form("\u00A0\u2003\u200B", "1950", "", List.of(), "\u00A0\u200B").check(CHOICES, TODAY);
        assertEquals("Write a title.", checked.errors().get("title"));
        assertEquals("Say what you corrected and why: the note is kept in the history.", checked.errors().get("note"));
        assertTrue(form("A\u00A0letter", "1950", "", List.of(), "why").check(CHOICES, TODAY).ok());
    }

    @Test
    void onlyChoicesFromTheAuthorityListsAreAccepted() {
        RecordForm.Checked checked = form("A letter", "1950", "99", List.of("1", "x"), "note").check(CHOICES, TODAY);
        assertEquals("Choose a type from the list.", checked.errors().get("type"));
        assertEquals("Choose people from the list.", checked.errors().get("people"));
        assertFalse(checked.errors().containsKey("places"));
    }

    @Test
    void anImpossibleDayIsNotADate() {
        assertEquals("'February 30, 1942' is not a real date (February 1942 has 28 days)",
                form("A letter", "February 30, 1942", "", List.of(), "note").check(CHOICES, TODAY).errors().get("date"));
        assertEquals("'0000' is too early: a document's year is 1000 or later",
                form("A letter", "0000", "", List.of(), "note").check(CHOICES, TODAY).errors().get("date"));
    }

    @Test
    void aControlCharacterInAnyFieldIsRefusedWhereItIsWhileTabsAndLineBreaksAreText() {
        RecordForm typed = new RecordForm("A bell\u0007 rang", "1950\u0000", "Caf\u00e9 noir.\u001B[0m", "", List.of(),
                List.of(), "why\u007F");
        RecordForm.Checked checked = typed.check(CHOICES, TODAY);
        assertEquals("The title has a control character, which shows nothing (U+0007, at character 7): "
                + "delete it and save again.", checked.errors().get("title"));
        assertEquals("The date has a control character, which shows nothing (U+0000, at character 5): "
                + "delete it and save again.", checked.errors().get("date"));
        assertEquals("The summary has a control character, which shows nothing (U+001B, at character 11): "
                + "delete it and save again.", checked.errors().get("summary"));
        assertTrue(checked.errors().get("note").contains("U+007F"), checked.errors().get("note"));
        assertEquals("A bell\u0007 rang", typed.title(), "what was typed is kept for the form");
        RecordForm.Checked text = new RecordForm("A\ttitle", "1950", "One line\nand the next.\r\n\r\nA\tparagraph.",
                "", List.of(), List.of(), "why").check(CHOICES, TODAY);
        assertTrue(text.ok(), text.errors().toString());
    }

    @Test
    void theFormKeepsWhatWasTypedAndReadsTheDatesPrecision() {
        RecordForm typed = form("Title <i>", "Sept. 1950", "4", List.of("7"), "why");
        assertEquals("4", typed.type());
        assertTrue(typed.hasPerson(7));
        assertFalse(typed.hasPerson(1));
        assertTrue(typed.hasPlace(2));
        assertEquals("First paragraph.\n\nSecond paragraph.", typed.summary());
        assertEquals("September 1950, known to the month", typed.dateReading().orElseThrow());
        assertEquals("June 3, 1961 – 1962, known to the day, its end to the year",
                form("t", "June 3, 1961 – 1962", "", List.of(), "n").dateReading().orElseThrow());
        assertTrue(form("t", "Febuary", "", List.of(), "n").dateReading().isEmpty());
        assertEquals(DocumentDate.UNDATED + ": the document bears no date",
                form("t", "[n.d.]", "", List.of(), "n").dateReading().orElseThrow());
    }

    @Test
    void theWordsOfNoDateSaveAnUndatedDraftInAnyCase() {
        for (String undated : List.of("Undated", "undated", "n.d.", "[n.d.]", "No date", "s.d.", " UNDATED ")) {
            RecordForm.Checked checked = form("A letter", undated, "4", List.of("7"), "The date is lost").check(CHOICES, TODAY);
            assertTrue(checked.ok(), undated + ": " + checked.errors());
            assertEquals(java.util.Optional.empty(), checked.draft().date(), undated);
            assertEquals("A letter", checked.draft().title());
        }
    }

    @Test
    void anEmptyDateIsStillRefusedSayingToWriteADateOrUndated() {
        for (String empty : List.of("", "   ", "\u00A0")) {
            RecordForm typed = form("A letter", empty, "", List.of(), "note");
            RecordForm.Checked checked = typed.check(CHOICES, TODAY);
            assertFalse(checked.ok(), "'" + empty + "'");
            assertEquals("Write a date: " + DocumentDate.SHAPES + "; or 'Undated' when the document bears none.",
                    checked.errors().get("date"));
            assertEquals(empty, typed.date(), "kept as typed");
        }
        // A line that only mentions it is no date, nor the absence of one: it is told, as the empty
        // field is, how to say that there is none.
        assertEquals("'Undated letter' is not a date (write it as " + DocumentDate.SHAPES + "; or "
                + DocumentDate.WHEN_NONE + ")",
                form("A letter", "Undated letter", "", List.of(), "note").check(CHOICES, TODAY).errors().get("date"));
    }

    @Test
    void aDateAfterTheDayTheRecordIsCataloguedIsRefusedAtTheDateAndKeptAsTyped() {
        RecordForm typed = form("A letter", "June 1, 2030", "", List.of(), "note");
        assertEquals("'June 1, 2030' is after today (December 3, 2026): no document is dated later than the day it is "
                + "catalogued; check the year", typed.check(CHOICES, TODAY).errors().get("date"));
        assertEquals("June 1, 2030", typed.date());
        assertEquals("'2027' is after today (December 3, 2026): no document is dated later than the day it is "
                + "catalogued; check the year", form("A letter", "2027", "", List.of(), "note").check(CHOICES, TODAY)
                .errors().get("date"));
        assertTrue(form("A letter", "2026", "", List.of(), "note").check(CHOICES, TODAY).ok(), "a year that has begun");
        assertTrue(form("A letter", "December 2026", "", List.of(), "note").check(CHOICES, TODAY).ok());
        assertTrue(form("A letter", "December 3, 2026", "", List.of(), "note").check(CHOICES, TODAY).ok());
    }
}
