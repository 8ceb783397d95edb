package org.dossier.authorities;

import org.dossier.documents.Languages;

import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordVersions;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A merge rewrites the links of the records it moves: a record that names both people keeps one
 * link, where the earlier of the two stood; one that names only the person merged away has the
 * survivor in that person's place; undoing the merge puts everyone back where they were.
 */
class MergesKeepThePeoplesOrderTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Attribution ALICE = Attribution.editor("alice", "Entered the letter");

    @RegisterExtension
    final TestDatabase db = TestDatabase.withAuthoritiesForEachTest();
    private int letter;

    @BeforeEach
    void aLetterFromZhouStalinAndMolotovToMao() {
        Map<Integer, PersonRole> people = new LinkedHashMap<>();
        people.put(id("zhou-enlai"), PersonRole.AUTHOR);
        people.put(id("stalin"), PersonRole.AUTHOR);
        people.put(id("molotov"), PersonRole.AUTHOR);
        people.put(id("mao-zedong"), PersonRole.RECIPIENT);
        letter = db.store().write(w -> w.create(new RecordDraft("Letter from Zhou, Stalin and Molotov to Mao",
                List.of(), DocumentDate.ofYear(1950), null, people, new TreeSet<>(), Languages.NONE), ALICE));
    }

    private int id(String key) {
        return db.dsl().select(PERSON.ID).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.ID);
    }

    private StoredAuthority person(String key) {
        return new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, key).orElseThrow();
    }

    /** The record's links as stored: each key with its position, in the order of the positions. */
    private List<String> links() {
        return db.dsl().select(PERSON.KEY, DOCUMENT_PERSON.POSITION, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID)).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(letter))
                .orderBy(DOCUMENT_PERSON.POSITION)
                .fetch(r -> r.get(DOCUMENT_PERSON.POSITION) + " " + r.get(PERSON.KEY) + " " + r.get(DOCUMENT_PERSON.ROLE));
    }

    private List<String> latestVersion() {
        RecordVersions versions = new RecordVersions(db.dsl());
        int latest = db.dsl().select(org.dossier.db.Tables.DOCUMENT.VERSION).from(org.dossier.db.Tables.DOCUMENT)
                .where(org.dossier.db.Tables.DOCUMENT.ID.eq(letter)).fetchSingle(org.dossier.db.Tables.DOCUMENT.VERSION);
        return versions.find(letter, latest).orElseThrow().people().stream().map(PersonLink::key).toList();
    }

    private void merge(String merged, String survivor) {
        StoredAuthority from = person(merged);
        db.store().write((records, tx) -> {
            new AuthorityWriter(records, tx, CLOCK).merge(from, from.version(), person(survivor),
                    Attribution.editor("alice", "One man, entered twice"));
            return null;
        });
        carryOnToTheEnd();
    }

    /**
     * What the catalogue's background thread does after a merge or restore: the request moves what
     * it can within a second, and on a busy machine that was not yet this letter.
     */
    private void carryOnToTheEnd() {
        new PendingMerges(db.store(), CLOCK).carryOnAll();
    }

    private void undo(String merged) {
        StoredAuthority now = person(merged);
        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK)
                .restore(now, now.version(), now.version() - 1, Attribution.editor("bob", "Two men after all")));
        carryOnToTheEnd();
    }

    @Test
    void mergingTheFirstAuthorIntoTheThirdKeepsOneLinkAtTheFirstPlaceAndAnUndoPutsBothBack() {
        assertEquals(List.of("1 zhou-enlai author", "2 stalin author", "3 molotov author", "4 mao-zedong recipient"), links());
        merge("zhou-enlai", "molotov");
        assertEquals(List.of("1 molotov author", "2 stalin author", "3 mao-zedong recipient"), links(),
                "one link, at the earlier place, no position twice");
        assertEquals(List.of("molotov", "stalin", "mao-zedong"), latestVersion(), "the merge's revision keeps that order");

        undo("zhou-enlai");
        assertEquals(List.of("1 zhou-enlai author", "2 stalin author", "3 molotov author", "4 mao-zedong recipient"), links());
    }

    @Test
    void mergingTheThirdAuthorIntoTheFirstKeepsTheFirstWhereItWas() {
        merge("molotov", "zhou-enlai");
        assertEquals(List.of("1 zhou-enlai author", "2 stalin author", "3 mao-zedong recipient"), links());

        undo("molotov");
        assertEquals(List.of("1 zhou-enlai author", "2 stalin author", "3 molotov author", "4 mao-zedong recipient"), links());
    }

    @Test
    void aSurvivorTheRecordDidNotNameTakesThePlaceOfTheOneMergedAway() {
        merge("stalin", "kim-il-sung");
        assertEquals(List.of("1 zhou-enlai author", "2 kim-il-sung author", "3 molotov author", "4 mao-zedong recipient"),
                links());

        undo("stalin");
        assertEquals(List.of("1 zhou-enlai author", "2 stalin author", "3 molotov author", "4 mao-zedong recipient"), links());
    }

    @Test
    void aMergedMentionOfAnAuthorGivesTheAuthorOneLinkInItsOwnPlace() {
        Map<Integer, PersonRole> people = new LinkedHashMap<>();
        people.put(id("molotov"), PersonRole.AUTHOR);
        people.put(id("mao-zedong"), PersonRole.RECIPIENT);
        people.put(id("kim-il-sung"), PersonRole.MENTIONED);
        people.put(id("stalin"), PersonRole.MENTIONED);
        int note = db.store().write(w -> w.create(new RecordDraft("Note on Molotov's letter to Mao", List.of(),
                DocumentDate.ofYear(1950), null, people, new TreeSet<>(), Languages.NONE), ALICE));
        merge("stalin", "molotov");
        assertEquals(List.of("1 molotov author", "2 mao-zedong recipient", "3 kim-il-sung mentioned"),
                db.dsl().select(PERSON.KEY, DOCUMENT_PERSON.POSITION, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                        .join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                        .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(note)).orderBy(DOCUMENT_PERSON.POSITION)
                        .fetch(r -> r.get(DOCUMENT_PERSON.POSITION) + " " + r.get(PERSON.KEY) + " "
                                + r.get(DOCUMENT_PERSON.ROLE)));
    }
}
