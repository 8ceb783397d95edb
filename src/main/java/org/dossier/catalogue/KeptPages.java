package org.dossier.catalogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.dossier.search.SearchResults;

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
 */
final class KeptPages {

    /** What kept pages may weigh, roughly, in bytes: a small part of a 512 MB heap. */
    static final long DEFAULT_WEIGHT = 24L << 20;

    private record Rendered(String pageUrl, String siteUrl, LocalDate day, String html) {

        boolean isFor(String pageUrl, String siteUrl, LocalDate day) {
            return this.pageUrl.equals(pageUrl) && this.siteUrl.equals(siteUrl) && this.day.equals(day);
        }
    }

    private final Cache<SearchResults, Rendered> pages;

    KeptPages(long maximumWeight) {
        this.pages = Caffeine.newBuilder().weakKeys().maximumWeight(maximumWeight)
                .weigher((SearchResults answer, Rendered page) -> 256 + 2 * page.html().length()).build();
    }

    /** The page of {@code answer} as asked by {@code pageUrl}, kept from before or {@code render}ed now and kept. */
    String page(SearchResults answer, String pageUrl, String siteUrl, LocalDate day, Supplier<String> render) {
        Rendered kept = pages.getIfPresent(answer);
        if (kept != null && kept.isFor(pageUrl, siteUrl, day)) {
            return kept.html();
        }
        String html = render.get();
        pages.put(answer, new Rendered(pageUrl, siteUrl, day, html));
        return html;
    }
}
