package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.dossier.search.DateBound;
import org.dossier.search.DateFilter;
import org.dossier.search.Dated;
import org.dossier.search.SearchRequest;

/**
 * The small histogram of records per year a search page draws (server-rendered SVG): a bar per year
 * from the first year with records to the last, scaled to the fullest, each linking to its year as a
 * date range (met in the default way: see {@link #of}), and marked when it lies in the search's dates.
 *
 * @param width  of the whole picture, in its own units
 * @param height likewise; every bar is scaled to it
 */
public record DateHistogram(List<Bar> bars, int width, int height, String firstYear, String lastYear) {

    static final int BAR_WIDTH = 6;
    static final int BAR_GAP = 1;
    static final int HEIGHT = 60;

    /** A bar: a year, its records, and where it sits in the picture. */
    public record Bar(int year, long count, int x, int y, int width, int height, boolean inRange, String href) {
        public String title() {
            return year + ": " + count + (count == 1 ? " record" : " records");
        }
    }

    public DateHistogram {
        bars = List.copyOf(bars);
    }

    /** @param perYear records per year, every date filter lifted */
    static DateHistogram of(SortedMap<Integer, Long> perYear, SearchRequest request) {
        if (perYear.isEmpty()) {
            return new DateHistogram(List.of(), 0, HEIGHT, "", "");
        }
        int first = perYear.firstKey();
        int last = perYear.lastKey();
        long max = perYear.values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        for (int year = first; year <= last; year++) {
            long count = perYear.getOrDefault(year, 0L);
            int height = count == 0 ? 0 : (int) Math.max(1, Math.round((double) count / max * HEIGHT));
            DateBound whole = DateBound.year(year);
            // A bar counts every record its year holds, a span ("1961–1962") under each year it
            // covers, as the year facet does; so its link finds them all, and "wholly within" is
            // lifted with the range the bar replaces. Keeping it would leave out the spans the bar
            // counted, and counting only what lies wholly within each year would hide from a reader
            // the records a year holds, which is what the picture is there to show.
            bars.add(new Bar(year, count, (year - first) * (BAR_WIDTH + BAR_GAP), HEIGHT - height, BAR_WIDTH, height,
                    inRange(request, year), SearchLinks.search(request.between(whole, whole).withDated(Dated.MAY_FALL_IN))));
        }
        return new DateHistogram(bars, bars.size() * (BAR_WIDTH + BAR_GAP) - BAR_GAP, HEIGHT, String.valueOf(first),
                String.valueOf(last));
    }

    /** The bars as the picture's links (see {@link FacetHtml}: written in Java, escaped there). */
    public String barsHtml() {
        return FacetHtml.bars(this);
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    /** Whether a year is in the dates the search asks for (ticked, or inside its range); none when it asks none. */
    private static boolean inRange(SearchRequest request, int year) {
        return request.dates() instanceof DateFilter.DatedIn in && (in.years().isEmpty() || in.years().contains(year))
                && (in.range() == null || in.range().touches(year));
    }
}
