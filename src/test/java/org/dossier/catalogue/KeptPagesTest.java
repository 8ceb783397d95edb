package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchResults;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * What {@link KeptPages} keeps: a page for each address its answer was asked by, given back as it
 * was rendered, and nothing for another answer (a new snapshot's) or another day. Over HTTP, that
 * the kept page is the reader's and never older than the index: {@link KeptSearchPagesTest}.
 */
@SameOnEveryDatabase
class KeptPagesTest {

    static {
        // A kept page is a record, whose fields' offsets Unsafe does not give: JOL finds them its other way.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private static final String SITE = "https://archive.example";
    private static final LocalDate DAY = LocalDate.of(2026, 12, 5);

    private final AtomicInteger rendered = new AtomicInteger();

    private static SearchResults answer() {
        return new SearchResults(0, List.of(), Map.of(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0, Map.of(),
                null, null);
    }

    /** A page that says its address, with characters beyond Latin-1 and beyond the BMP, as a page has. */
    private Supplier<String> page(String address) {
        return () -> "<p>" + rendered.incrementAndGet() + " — " + address + "</p>" + "<p>Šostakovič 北京 \uD83D\uDCDC</p>".repeat(200);
    }

    @Test
    void twoAddressesOfOneSearchEachKeepTheirPageRatherThanPushingTheOtherOut() {
        KeptPages kept = KeptPages.besideAnswers(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
        SearchResults answer = answer();
        String one = "/search?type=letter&person=stalin";
        String other = "/search?person=stalin&type=letter";
        String first = kept.page(answer, one, SITE, DAY, page(one)).html();
        String second = kept.page(answer, other, SITE, DAY, page(other)).html();
        assertEquals(2, rendered.get());

        String firstAgain = kept.page(answer, one, SITE, DAY, page(one)).html();
        String secondAgain = kept.page(answer, other, SITE, DAY, page(other)).html();
        assertEquals(2, rendered.get(), "neither rendered again");
        assertEquals(first, firstAgain, "the first address's page, as rendered");
        assertEquals(second, secondAgain, "the second address's page, as rendered");
    }

    @Test
    void anAnswerOfANewSnapshotOrAnotherDayIsRenderedAfresh() {
        KeptPages kept = KeptPages.besideAnswers(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
        SearchResults answer = answer();
        String address = "/search?q=stalin";
        kept.page(answer, address, SITE, DAY, page(address));
        kept.page(answer, address, SITE, DAY, page(address));
        assertEquals(1, rendered.get());

        // The same counts and hits, but another object: what a change from the feed makes.
        kept.page(answer(), address, SITE, DAY, page(address));
        assertEquals(2, rendered.get(), "an equal answer of another snapshot is not the kept page's");
        kept.page(answer, address, SITE, DAY.plusDays(1), page(address));
        assertEquals(3, rendered.get(), "the next day's citations say another access date");
        kept.page(answer, address, "https://other.example", DAY.plusDays(1), page(address));
        assertEquals(4, rendered.get(), "another public address");
    }

    @Test
    void theOldestAddressOfAnAnswerIsLetGoWhenMoreAreAsked() {
        KeptPages kept = KeptPages.besideAnswers(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
        SearchResults answer = answer();
        for (int i = 0; i <= KeptPages.ADDRESSES_AN_ANSWER; i++) {
            kept.page(answer, "/search?q=stalin&n=" + i, SITE, DAY, page("n=" + i));
        }
        int made = rendered.get();
        kept.page(answer, "/search?q=stalin&n=" + KeptPages.ADDRESSES_AN_ANSWER, SITE, DAY, page("last"));
        assertEquals(made, rendered.get(), "the newest address is kept");
        kept.page(answer, "/search?q=stalin&n=0", SITE, DAY, page("first"));
        assertEquals(made + 1, rendered.get(), "the oldest was let go");
    }

    @Test
    void pagesGivenAsKeptAndPagesRenderedAreCountedApart() {
        KeptPages kept = KeptPages.besideAnswers(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
        SearchResults answer = answer();
        kept.page(answer, "/search?q=stalin", SITE, DAY, page("first"));
        kept.page(answer, "/search?q=stalin", SITE, DAY, page("again"));
        kept.page(answer, "/search?q=stalin", SITE, DAY, page("and again"));
        kept.page(answer(), "/search?q=stalin", SITE, DAY, page("a new snapshot's"));
        assertEquals(2, kept.rendered(), "the first and the new snapshot's");
        assertEquals(2, kept.given(), "the two asked again");

        KeptPages none = KeptPages.besideAnswers(0);
        none.page(answer, "/search?q=stalin", SITE, DAY, page("first"));
        none.page(answer, "/search?q=stalin", SITE, DAY, page("again"));
        assertEquals(2, none.rendered(), "with none kept, every page is rendered");
        assertEquals(0, none.given());
    }

    @Test
    void noPageIsKeptWhenNoAnswerIs() {
        KeptPages kept = KeptPages.besideAnswers(0);
        SearchResults answer = answer();
        String address = "/search?q=stalin";
        kept.page(answer, address, SITE, DAY, page(address));
        kept.page(answer, address, SITE, DAY, page(address));
        assertEquals(2, rendered.get(), "with --kept-answers 0 each search gives a new answer: its page is never asked again");
    }

    /**
     * What an answer's pages are weighed at is no less than they hold, measured object by object (JOL),
     * short addresses and the site's and the day's objects of their own included: the pages' share of
     * {@code --kept-answers} is a bound, never outgrown. The store's own entry (Caffeine's node, its weak
     * reference) is weighed beside, not measured here.
     */
    @Test
    void anAnswersPagesAreWeighedAtNoLessThanTheyHold() {
        KeptPages kept = KeptPages.besideAnswers(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
        SearchResults answer = answer();
        // Objects of their own, as a request's public address and day may be.
        String site = new String("https://a.example");
        kept.page(answer, "/search?q=a", site, LocalDate.of(2026, 12, 5), () -> "<p>a</p>".repeat(400));
        assertWeighed(kept, answer);
        kept.page(answer, "/search?q=b", new String(site), LocalDate.of(2026, 12, 5), () -> "<p>Šostakovič</p>");
        assertWeighed(kept, answer);
    }

    private static void assertWeighed(KeptPages kept, SearchResults answer) {
        long held = GraphLayout.parseInstance(kept.keptFor(answer)).totalSize();
        long weighed = kept.weightOf(answer);
        assertTrue(weighed >= held + 120, "weighed " + weighed + " bytes, the pages hold " + held + " and the entry some 120");
        assertTrue(weighed <= held + held / 4 + 512, "weighed " + weighed + " bytes, the pages hold only " + held);
    }
}
