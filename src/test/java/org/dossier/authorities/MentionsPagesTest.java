package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A common name's unlinked records are read a page at a time (a million records held 454,394 for
 * Stalin, and reading them all at once ran the server out of memory): the pages, followed one
 * after another, hold every record that names it, each once, as reading them all at once does.
 */
class MentionsPagesTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private StoredAuthority stalin;
    private Mentions.Candidates scanning;

    @BeforeEach
    void theSeedsWithStalinsLinksForgotten() throws Exception {
        stalin = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, "stalin").orElseThrow();
        // As if the records had been imported before his name was on the list.
        db.dsl().deleteFrom(DOCUMENT_PERSON).where(DOCUMENT_PERSON.PERSON_ID.eq(stalin.id())).execute();
        scanning = Mentions.scanning(db.dsl());
    }

    private List<Mentions.Preview> pages(Mentions.Bound bound) {
        List<Mentions.Preview> pages = new ArrayList<>();
        int after = 0;
        for (int guard = 0; guard < 1_000; guard++) {
            Mentions.Preview page = Mentions.unlinked(db.dsl(), stalin, scanning, after, bound);
            pages.add(page);
            if (page.nextAfter() == null) {
                return pages;
            }
            assertTrue(page.nextAfter() > after, "each page goes on past the last");
            after = page.nextAfter();
        }
        throw new AssertionError("the pages never end");
    }

    private static List<Integer> ids(List<Mentions.Mention> mentions) {
        return mentions.stream().map(Mentions.Mention::documentId).toList();
    }

    @Test
    void pagesOfTwoMentionsFollowedToTheEndHoldEveryMentionOnceInOrder() {
        Mentions.Preview all = Mentions.unlinked(db.dsl(), stalin, scanning);
        assertTrue(all.complete());
        assertTrue(all.total() >= 6, "the seeds name Stalin in " + all.total() + " records");
        List<Integer> paged = new ArrayList<>();
        List<Mentions.Preview> pages = pages(new Mentions.Bound(2, Integer.MAX_VALUE));
        pages.forEach(p -> {
            assertTrue(p.total() <= 2, "a page shows at most its bound");
            assertEquals(all.candidates(), p.candidates(), "every page counts every candidate");
            paged.addAll(ids(p.mentions()));
        });
        assertEquals(ids(all.mentions()), paged);
        assertFalse(pages.get(0).complete(), "a first page that leaves records unread is not all there is");
    }

    @Test
    void aPageReadsNoMoreCandidatesThanItsBoundAndTheNextGoesOnFromTheLastRead() {
        Mentions.Preview all = Mentions.unlinked(db.dsl(), stalin, scanning);
        List<Mentions.Preview> pages = pages(new Mentions.Bound(100, 3));
        assertTrue(pages.size() >= (all.candidates() + 2) / 3, pages.size() + " pages for " + all.candidates() + " candidates");
        List<Integer> paged = new ArrayList<>();
        pages.forEach(p -> {
            assertTrue(p.total() <= 3, "three candidates read name him at most three times");
            paged.addAll(ids(p.mentions()));
        });
        assertEquals(ids(all.mentions()), paged);
        assertNull(pages.get(pages.size() - 1).nextAfter());
    }

    @Test
    void aFormThatHoldsAnothersWordsInARowIsNotLookedForAgainAndTheCandidatesAreThoseOfEveryForm() {
        assertEquals(List.of("Iosif Vissarionovich", "Stalin", "Filippov"), Mentions.searched(
                List.of("Iosif Vissarionovich", "Joseph V. Stalin", "I. V. Stalin", "I.V. Stalin", "Stalin", "Filippov")));
        assertEquals(List.of("I. V. Stalin"), Mentions.searched(List.of("I. V. Stalin", "I.V. Stalin")),
                "of two forms with the same words, the first is looked for");
        java.util.Set<Integer> everyForm = new java.util.TreeSet<>();
        everyForm.addAll(scanning.containing(stalin.content().name()));
        stalin.content().aliases().forEach(a -> everyForm.addAll(scanning.containing(a.name())));
        assertEquals(everyForm.size(), Mentions.unlinked(db.dsl(), stalin, scanning).candidates());
    }

    @Test
    void theFormsCountedOnAPageAreThoseOfItsMentions() {
        Mentions.Preview page = Mentions.unlinked(db.dsl(), stalin, scanning, 0, new Mentions.Bound(3, Integer.MAX_VALUE));
        assertEquals(page.total(), page.byForm().stream().mapToInt(Mentions.FormCount::records).sum());
    }

    @Test
    void ticksAreReadAgainOnlyRecordsThatNameHimAndAreNotLinkedAreLinked() {
        Mentions.Preview all = Mentions.unlinked(db.dsl(), stalin, scanning);
        int naming = all.mentions().get(0).documentId();
        int silent = db.dsl().select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.TITLE.notContainsIgnoreCase("stalin").and(DOCUMENT.SUMMARY.notContainsIgnoreCase("stalin")))
                .limit(1).fetchSingle(DOCUMENT.ID);
        int linked = all.mentions().get(1).documentId();
        db.dsl().insertInto(DOCUMENT_PERSON, DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE)
                .values(linked, stalin.id(), PersonRole.MENTIONED.key()).execute();
        assertEquals(List.of(naming), ids(Mentions.confirm(db.dsl(), stalin, List.of(silent, naming, linked, 99_999_999))));
        // As many ticks as a form can carry (a megabyte): more than PostgreSQL binds in one
        // statement, which jOOQ then writes inline.
        List<Integer> many = new ArrayList<>(java.util.stream.IntStream.rangeClosed(100_000, 140_000).boxed().toList());
        many.add(naming);
        many.add(linked);
        assertEquals(List.of(naming), ids(Mentions.confirm(db.dsl(), stalin, many)));
    }
}
