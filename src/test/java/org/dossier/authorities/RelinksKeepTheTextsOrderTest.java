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
import org.dossier.documents.RecordDraft;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A person linked to records later (the link pages, {@code relink}) goes where the record's text
 * names them among the people it links already, as an import would have put them: a letter "from
 * Stalin and Molotov" linked to Molotov alone gets Stalin as its first author, not its second.
 */
class RelinksKeepTheTextsOrderTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @RegisterExtension
    final TestDatabase db = TestDatabase.withAuthoritiesForEachTest();

    private int id(String key) {
        return db.dsl().select(PERSON.ID).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.ID);
    }

    private int record(String title, String... authorsThenRecipient) {
        Map<Integer, PersonRole> people = new LinkedHashMap<>();
        for (int i = 0; i < authorsThenRecipient.length; i++) {
            people.put(id(authorsThenRecipient[i]),
                    i == authorsThenRecipient.length - 1 ? PersonRole.RECIPIENT : PersonRole.AUTHOR);
        }
        return db.store().write(w -> w.create(new RecordDraft(title, List.of(), DocumentDate.ofYear(1950), null,
                people, new TreeSet<>(), Languages.NONE), Attribution.editor("alice", "Entered")));
    }

    private void linkStalinAsAuthor(int... records) {
        StoredAuthority stalin = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, "stalin").orElseThrow();
        Map<Integer, PersonRole> linked = new LinkedHashMap<>();
        for (int record : records) {
            linked.put(record, PersonRole.AUTHOR);
        }
        db.store().write((records2, tx) -> new AuthorityWriter(records2, tx, CLOCK).link(stalin, linked,
                new Attribution("alice", "Linked to Joseph Stalin", null)));
    }

    private List<String> links(int record) {
        return db.dsl().select(PERSON.KEY, DOCUMENT_PERSON.POSITION).from(DOCUMENT_PERSON).join(PERSON)
                .on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID)).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(record))
                .orderBy(DOCUMENT_PERSON.POSITION).fetch(r -> r.get(DOCUMENT_PERSON.POSITION) + " " + r.get(PERSON.KEY));
    }

    @Test
    void aPersonLinkedLaterGoesWhereTheTextNamesThemAndAfterThoseLinkedWhereItNamesThemLast() {
        int first = record("Letter from Stalin and Molotov to Mao Zedong", "molotov", "mao-zedong");
        int last = record("Letter from Molotov and Stalin to Mao Zedong", "molotov", "mao-zedong");
        linkStalinAsAuthor(first, last);
        assertEquals(List.of("1 stalin", "2 molotov", "3 mao-zedong"), links(first));
        assertEquals(List.of("1 molotov", "2 stalin", "3 mao-zedong"), links(last));
    }
}
