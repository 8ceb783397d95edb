package org.dossier.catalogue;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.dossier.search.KeptStores;
import org.dossier.search.SearchResults;
import org.dossier.web.GzippedPage;

/**
 * Search pages as rendered for readers who are not signed in, kept beside the answer they were
 * rendered from. Why: at 1M records a repeated search is answered by the engine in well under a
 * millisecond (each index snapshot keeps its answers), and rendering its page — a hundred facet
 * values, the histogram, the hits' citations — then cost some twenty times that (see BENCHMARKS.md,
 * issue 14's profile).
 *
 * <p>Why this is exact: the engine hands out the same answer object for as long as its snapshot
 * serves, and a change from the feed (an edit, an import, a renamed person) makes a new snapshot
 * with new answers. A page is kept under its answer by identity, weakly: it lives no longer than
 * the answer, is never served for a newer index, and nothing has to be invalidated by hand. What
 * else the page shows is compared too: the address it was asked by (its canonical link), the
 * site's public address and the day (the citations' access date).
 *
 * <p>Why compressed, and several to an answer: a page at 1M records is some 75,000 characters, and a
 * few of them outside Latin-1 (a dash) make the string two bytes a character, so that the 24 MB
 * kept some 160 pages while the load mix asks again for thousands (BENCHMARKS.md, "Answers and
 * pages kept"); gzipped at the quickest level a page is some 13 KB, a tenth. It is kept gzipped as
 * a reader's browser is sent it ({@link GzippedPage}), so that a kept page goes out as it was kept,
 * not inflated and gzipped again for each reader. One answer is asked by several addresses ({@code
 * type=letter&person=stalin} and {@code person=stalin&type=letter}), each with its own canonical
 * link: each keeps its own page rather than pushing the other out.
 *
 * <p>Why sized from {@code --kept-answers}: a page lives no longer than its answer, so pages beyond
 * the answers kept are never asked for, and an answer kept without its page is searched no more but
 * rendered again. A fixed 24 MB kept fewer pages than the default store's answers once those were
 * weighed at what they hold (some 1,880 for some 2,100, BENCHMARKS.md, "Kept answers weighed at what
 * they hold"), and the same 24 MB whatever an operator gave the answers. So the operator's one figure
 * sizes both: pages may weigh {@value #SHARE_NUMERATOR} eighths of what the answers may, beside it (24 MB
 * at the default 64, as before: the default node's memory unchanged), and none when no answer is kept
 * (each search then gives a new answer, whose page could never be found again).
 */
final class KeptPages {

    /** Pages may weigh this many eighths of {@code --kept-answers}, beside it. */
    static final int SHARE_NUMERATOR = 3;
    /** The oldest addresses of one answer let go past this many: one search spelt in many ways. */
    static final int ADDRESSES_AN_ANSWER = 4;

    private record Rendered(String pageUrl, String siteUrl, LocalDate day, GzippedPage page) {

        boolean isFor(String pageUrl, String siteUrl, LocalDate day) {
            return this.pageUrl.equals(pageUrl) && this.siteUrl.equals(siteUrl) && this.day.equals(day);
        }

        /**
         * What it holds, never less (KeptPagesTest checks against JOL): the record and the page's object
         * (32 and 24 bytes), the gzipped bytes' array (a 16-byte header, aligned to 8), the two addresses'
         * strings (48 bytes and two a character bound any string's object and array) and the day (24),
         * each weighed as the page's own though a node's site and day are mostly the same objects.
         */
        long weight() {
            return 32 + 24 + ((16L + page.weight() + 7) & ~7L) + 48 + 2L * pageUrl.length() + 48
                    + 2L * siteUrl.length() + 24;
        }
    }

    /** Null when no page is kept. */
    private final Cache<SearchResults, List<Rendered>> pages;
    /**
     * Pages given from what was kept and pages rendered (none kept, or no longer), for the operator's
     * metrics: whether the pages' share holds what the answers' store asks of it. Adders, as every
     * reader's search page counts one; read only by a scrape.
     */
    private final LongAdder given = new LongAdder();
    private final LongAdder rendered = new LongAdder();

    /** The pages of answers that {@code keptAnswers} bytes keep (the operator's {@code --kept-answers}); 0 keeps none. */
    static KeptPages besideAnswers(long keptAnswers) {
        return new KeptPages(keptAnswers / 8 * SHARE_NUMERATOR);
    }

    /** Pages weighing up to {@code maximumWeight} bytes ({@link #weight}); 0 keeps none. */
    KeptPages(long maximumWeight) {
        if (maximumWeight < 0) {
            throw new IllegalArgumentException("kept pages must weigh 0 bytes or more, not " + maximumWeight);
        }
        // Not a cache of weight 0: Caffeine keeps a value before it evicts it, so a page could still be given again.
        this.pages = maximumWeight == 0 ? null : KeptStores.builder().weakKeys().maximumWeight(maximumWeight)
                .weigher((SearchResults answer, List<Rendered> kept) -> weight(kept)).build();
    }

    /** The page of {@code answer} as asked by {@code pageUrl}, kept from before or {@code render}ed now and kept. */
    GzippedPage page(SearchResults answer, String pageUrl, String siteUrl, LocalDate day, Supplier<String> render) {
        if (pages == null) {
            rendered.increment();
            return GzippedPage.of(render.get());
        }
        List<Rendered> kept = pages.getIfPresent(answer);
        if (kept != null) {
            for (Rendered page : kept) {
                if (page.isFor(pageUrl, siteUrl, day)) {
                    given.increment();
                    return page.page();
                }
            }
        }
        rendered.increment();
        GzippedPage made = GzippedPage.of(render.get());
        List<Rendered> now = new ArrayList<>(ADDRESSES_AN_ANSWER);
        if (kept != null) {
            // Another day's or another site's address's pages are never asked again: let go.
            for (Rendered page : kept) {
                if (page.siteUrl().equals(siteUrl) && page.day().equals(day)) {
                    now.add(page);
                }
            }
            while (now.size() >= ADDRESSES_AN_ANSWER) {
                now.remove(0);
            }
        }
        now.add(new Rendered(pageUrl, siteUrl, day, made));
        pages.put(answer, List.copyOf(now));
        return made;
    }

    /**
     * What an answer's pages take with their entry, never less: Caffeine's node, its weak reference to
     * the answer and the map's node and slot (some 120 bytes, weighed 128), the list of up to {@value
     * #ADDRESSES_AN_ANSWER} (a 16-byte object, its array's 16-byte header and a reference each), each page.
     */
    static int weight(List<Rendered> kept) {
        long bytes = 128 + 16 + 16 + 8L * kept.size();
        for (Rendered page : kept) {
            bytes += page.weight();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Pages given as they were kept, since the node started. */
    long given() {
        return given.sum();
    }

    /** Pages rendered for want of a kept one (never asked before, let go, or none kept), since the node started. */
    long rendered() {
        return rendered.sum();
    }

    /** What the pages kept for {@code answer} weigh as kept ({@link #weight}), 0 for none: for checking the weigher. */
    long weightOf(SearchResults answer) {
        List<Rendered> kept = pages == null ? null : pages.getIfPresent(answer);
        return kept == null ? 0 : weight(kept);
    }

    /** The list of pages kept for {@code answer}, null for none: for measuring what it holds. */
    Object keptFor(SearchResults answer) {
        return pages == null ? null : pages.getIfPresent(answer);
    }
}
