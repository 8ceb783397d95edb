package org.dossier.catalogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
 */
final class KeptPages {

    /** What kept pages may weigh, roughly, in bytes: a small part of a 512 MB heap. */
    static final long DEFAULT_WEIGHT = 24L << 20;
    /** The addresses of one answer whose pages are kept: more are one search spelt in many ways, the oldest let go. */
    static final int ADDRESSES_AN_ANSWER = 4;

    private record Rendered(String pageUrl, String siteUrl, LocalDate day, GzippedPage page) {

        boolean isFor(String pageUrl, String siteUrl, LocalDate day) {
            return this.pageUrl.equals(pageUrl) && this.siteUrl.equals(siteUrl) && this.day.equals(day);
        }

        int weight() {
            return 128 + 2 * pageUrl.length() + page.weight();
        }
    }

    private final Cache<SearchResults, List<Rendered>> pages;

    KeptPages(long maximumWeight) {
        this.pages = Caffeine.newBuilder().weakKeys().maximumWeight(maximumWeight)
                .weigher((SearchResults answer, List<Rendered> kept) -> weight(kept)).build();
    }

    /** The page of {@code answer} as asked by {@code pageUrl}, kept from before or {@code render}ed now and kept. */
    GzippedPage page(SearchResults answer, String pageUrl, String siteUrl, LocalDate day, Supplier<String> render) {
        List<Rendered> kept = pages.getIfPresent(answer);
        if (kept != null) {
            for (Rendered page : kept) {
                if (page.isFor(pageUrl, siteUrl, day)) {
                    return page.page();
                }
            }
        }
        GzippedPage rendered = GzippedPage.of(render.get());
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
        now.add(new Rendered(pageUrl, siteUrl, day, rendered));
        pages.put(answer, List.copyOf(now));
        return rendered;
    }

    private static int weight(List<Rendered> kept) {
        long bytes = 64;
        for (Rendered page : kept) {
            bytes += page.weight();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
