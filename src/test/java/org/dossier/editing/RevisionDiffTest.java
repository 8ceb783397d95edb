package org.dossier.editing;

import org.dossier.documents.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordVersion;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class RevisionDiffTest {

    private static final PersonLink STALIN = new PersonLink(1, "stalin", "Joseph Stalin", "Stalin, Joseph", false,
            PersonRole.AUTHOR);
    private static final PersonLink SHTYKOV = new PersonLink(7, "shtykov", "Terentii Shtykov", "Shtykov, Terentii",
            false, PersonRole.MENTIONED);
    private static final PersonLink MOLOTOV = new PersonLink(2, "molotov", "Vyacheslav Molotov", "Molotov, Vyacheslav",
            false, PersonRole.MENTIONED);
    private static final AuthorityRef LETTER = new AuthorityRef(4, "letter", "Letter");

    private static RecordVersion version(int number, String title, DocumentDate date, List<PersonLink> people,
                                         String withdrawn) {
        return new RecordVersion(7, number, Instant.parse("2026-05-01T10:15:00Z"), "alice", "note", null, title,
                List.of("One.", "Two."), java.util.Optional.ofNullable(date), LETTER, Languages.NONE, people, List.of(), "slug", withdrawn);
    }

    @Test
    void onlyTheChangedFieldsAreShownAndTheRestNamed() {
        RevisionDiff diff = RevisionDiff.between(
                version(1, "Letter from Shtytkov", DocumentDate.ofMonth(1942, 2), List.of(STALIN, SHTYKOV), null),
                version(2, "Letter from Shtykov", DocumentDate.ofDay(1942, 2, 3), List.of(STALIN, MOLOTOV), null));
        assertEquals(List.of("Title", "Date", "People"), diff.changes().stream().map(RevisionDiff.Change::field).toList());
        assertEquals("Letter from <del>Shtytkov</del><ins>Shtykov</ins>", diff.changes().get(0).html());
        assertEquals("February <ins>3, </ins>1942 (to the <del>month</del><ins>day</ins>)", diff.changes().get(1).html());
        assertEquals("Joseph Stalin (author); <del>Terentii Shtykov (mentioned)</del>; <ins>Vyacheslav Molotov (mentioned)</ins>",
                diff.changes().get(2).html());
        assertEquals(List.of("Type", "Places", "Summary", "Status"), diff.unchanged());
    }

    @Test
    void aSpansEndKnownMorePreciselyIsShownInTheDiff() {
        RevisionDiff diff = RevisionDiff.between(
                version(1, "Letter", DocumentDate.parse("1961–1962"), List.of(STALIN), null),
                version(2, "Letter", DocumentDate.parse("1961 – March 1962"), List.of(STALIN), null));
        assertEquals(List.of("Date"), diff.changes().stream().map(RevisionDiff.Change::field).toList());
        String html = diff.changes().get(0).html();
        assertTrue(html.endsWith("(to the year<ins>, its end to the month</ins>)"), html);
    }

    @Test
    void aChangedRoleShowsAsTheOldRoleRemovedAndTheNewAdded() {
        PersonLink recipient = new PersonLink(1, "stalin", "Joseph Stalin", "Stalin, Joseph", false, PersonRole.RECIPIENT);
        RevisionDiff diff = RevisionDiff.between(
                version(1, "A letter", DocumentDate.ofYear(1950), List.of(STALIN), null),
                version(2, "A letter", DocumentDate.ofYear(1950), List.of(recipient), null));
        assertEquals(List.of("People"), diff.changes().stream().map(RevisionDiff.Change::field).toList());
        assertEquals("<del>Joseph Stalin (author)</del>; <ins>Joseph Stalin (recipient)</ins>", diff.changes().get(0).html());
    }

    @Test
    void theFirstVersionShowsEverythingAsAdded() {
        RevisionDiff diff = RevisionDiff.between(null, version(1, "A letter", DocumentDate.ofYear(1950), List.of(STALIN), null));
        assertTrue(diff.changes().stream().allMatch(c -> c.html().startsWith("<ins>")), diff.toString());
        assertEquals("<ins>A letter</ins>", diff.changes().get(0).html());
    }

    private static RecordVersion described(int number, String title, Languages languages) {
        return new RecordVersion(7, number, Instant.parse("2026-05-01T10:15:00Z"), "alice", "note", null, title,
                List.of("One."), java.util.Optional.of(DocumentDate.ofYear(1950)), LETTER, languages, List.of(), List.of(), "slug", null);
    }

    /**
     * A title's words in the language of the record they are in, as its page marks them: what was taken
     * out by the version before, what was put in by this one, what stayed where both say the same.
     */
    @Test
    void aTitlesWordsAreMarkedWithTheLanguageTheVersionTheyComeFromIsWrittenIn() {
        Languages russian = Languages.typed("Russian");
        assertEquals("<del>Record of a conversation</del><ins lang=\"ru\">Запись беседы</ins>", RevisionDiff.between(
                described(1, "Record of a conversation", Languages.NONE), described(2, "Запись беседы", russian))
                .changes().get(0).html());
        assertEquals("<span lang=\"ru\">Запись беседы </span><del lang=\"ru\">Сталина</del><ins lang=\"ru\">Молотова</ins>",
                RevisionDiff.between(described(2, "Запись беседы Сталина", russian), described(3, "Запись беседы Молотова", russian))
                        .changes().get(0).html());
        // Only the later version says the record is in Russian: the words both have are not said to be.
        assertEquals("Запись беседы <del>Сталина</del><ins lang=\"ru\">Молотова</ins>", RevisionDiff.between(
                described(1, "Запись беседы Сталина", Languages.NONE), described(2, "Запись беседы Молотова", russian))
                .changes().get(0).html());
    }

    /**
     * A title or a summary is one text, set in its own direction; a list of names with their roles
     * in English is not: a first name written right to left had turned the whole list around.
     */
    @Test
    void onlyWhatSomeoneWroteIsSetInItsOwnDirection() {
        RevisionDiff diff = RevisionDiff.between(
                version(1, "Letter from Shtytkov", DocumentDate.ofMonth(1942, 2), List.of(STALIN, SHTYKOV), null),
                version(2, "Letter from Shtykov", DocumentDate.ofDay(1942, 2, 3), List.of(STALIN, MOLOTOV), null));
        assertEquals(List.of("Title true", "Date false", "People false"),
                diff.changes().stream().map(c -> c.field() + " " + c.written()).toList());
    }

    @Test
    void aWithdrawalShowsAsAChangeOfStatus() {
        RevisionDiff diff = RevisionDiff.between(
                version(2, "A letter", DocumentDate.ofYear(1950), List.of(), null),
                version(3, "A letter", DocumentDate.ofYear(1950), List.of(), "Duplicate of 12"));
        assertEquals(1, diff.changes().size());
        assertEquals("<del>In the catalogue</del><ins>Withdrawn: Duplicate of 12</ins>", diff.changes().get(0).html());
    }
}
