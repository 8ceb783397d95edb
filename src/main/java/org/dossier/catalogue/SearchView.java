package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.WrittenText;
import org.dossier.search.DateBound;
import org.dossier.search.DateFilter;
import org.dossier.search.Dated;
import org.dossier.search.Facet;
import org.dossier.search.FacetCount;
import org.dossier.search.SearchRequest;
import org.dossier.search.SortOrder;
import org.dossier.web.Pagination;
import org.dossier.web.ResultTrail;

/**
 * What the search page shows, ready to render: the facets with their values, the active filters as
 * chips, the date box, the orders, the page's hits. Every link is the page's request changed in one
 * way ({@link SearchLinks}), so that the template only prints. The histogram's geometry is
 * {@link DateHistogram}, what the page says in words {@link SearchWording}.
 *
 * @param typedWords what the reader typed as the words, shown again when they could not be searched
 * @param typedFrom  what the reader typed as the range's start, shown again when it could not be used
 */
public record SearchView(SearchOutcome outcome, SearchLinks links, List<FacetBox> facets, DateBox dates,
                         List<Chip> chips, String clearAll, List<SortOrder> sorts,
                         List<SearchRequest.Parameter> searchFormCarries, Map<String, String> problems,
                         String typedWords, String typedFrom, String typedTo) {

    /** Facet values shown before "all values". */
    public static final int TOP_VALUES = 10;

    /** A value of a facet (or a year), with the link that ticks or unticks it. */
    public record FacetValue(String key, String label, long count, boolean selected, String href, String about) {
    }

    /**
     * @param all     how many values the facet has in this search
     * @param allHref the page that lists all of them
     * @param note    what a reader should know of the facet's counts (null for most facets)
     */
    public record FacetBox(String name, String title, List<FacetValue> values, int all, String allHref,
                           String allByNameHref, String note) {
        public boolean hasMore() {
            return all > values.size();
        }

        public boolean hasValues() {
            return !values.isEmpty();
        }

        /** The id of the box's heading, which names the box. */
        public String headingId() {
            return "facet-" + name;
        }

        /** The link to every value, most records first: "All 46 by count". */
        public String allByCount() {
            return "All " + all + " by count";
        }

        /** What a screen reader hears before "A–Z" in the link to every value by name: "All 46 ". */
        public String allBeforeByName() {
            return "All " + all + " ";
        }

        /** The values as the page's list items (see {@link FacetHtml}: written in Java, escaped there). */
        public String valuesHtml() {
            return FacetHtml.values(values, name);
        }
    }

    /** A removable filter: "Person: Joseph Stalin ×". */
    public record Chip(String name, String label, String removeHref) {
    }

    /** A decade: the whole of it as a date range, and its years to tick one by one. */
    public record Decade(String label, long count, String href, List<FacetValue> years, boolean open) {
        /** The years as the page's list items, like any facet's values. */
        public String yearsHtml() {
            return FacetHtml.values(years, SearchRequest.YEAR);
        }

        public String countText() {
            return Pagination.number(count);
        }

        /** The link to the whole decade: "All of the 1950s". */
        public String allLabel() {
            return "All of the " + label;
        }
    }

    /**
     * @param within  whether the form's "dated wholly within" box is ticked
     * @param carries what the from/to form carries along besides from, to, dated and undated (a range
     *                typed asks for dated records)
     * @param undated the choice of the undated records, with their count beside the histogram's;
     *                null when the search has none and does not ask for them
     */
    public record DateBox(DateHistogram histogram, List<Decade> decades, String from, String to, boolean within,
                          List<SearchRequest.Parameter> carries, FacetValue undated) {
        public boolean hasDecades() {
            return !decades.isEmpty();
        }

        /**
         * Whether the undated records are chosen: the histogram and the decades, which count dated
         * records with the date filter lifted, then count none of the results, only what could be
         * chosen instead, and say so.
         */
        public boolean undatedChosen() {
            return undated != null && undated.selected();
        }

        /** The undated records' choice as the page's list item, like any facet's value. */
        public String undatedHtml() {
            return undated == null ? "" : FacetHtml.values(List.of(undated), SearchRequest.UNDATED);
        }
    }

    /**
     * Links from a hit to its record that carry the search, for the record's way back and on.
     *
     * @param carried the search as a record's address carries it ({@link ResultTrail#carried}), escaped once for the page
     */
    public record Trail(String carried, long total) {
        public String href(String recordPath, long hit) {
            return ResultTrail.recordHref(recordPath, carried, hit, total);
        }
    }

    /** An order the hits can be put in: a link to it, or the order they are in ({@code current}, with no link). */
    public record SortChoice(String label, String href, boolean current) {
    }

    /** @param read the search as read, with what was left out of it by control ({@code dates}, {@code filters}, {@code page}) */
    public static SearchView of(SearchOutcome outcome, SearchRequestReader.Read read) {
        SearchRequest request = outcome.request();
        SearchLinks links = new SearchLinks(request);
        List<FacetBox> facets = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            facets.add(facetBox(facet, outcome, links));
        }
        return new SearchView(outcome, links, facets, dateBox(outcome, links, read), chips(outcome),
                SearchLinks.search(request.withoutFilters()), SortOrder.choices(request.hasText()),
                links.carried(Set.of(SearchRequest.TEXT)), read.problems(), read.typedWords(), read.typedFrom(), read.typedTo());
    }

    /** What was left out of the search at this control, or null. */
    public String problem(String control) {
        return problems.get(control);
    }

    /** The filters stand open on a phone when one of them needs the reader's attention. */
    public boolean filtersOpen() {
        return problems.containsKey(SearchRequestReader.FILTERS) || problems.containsKey(SearchRequestReader.DATES);
    }

    /**
     * The words as the page's title names them: set apart when written right to left, so that the
     * count after them stays after them, and without the bidi controls a reader may have typed with
     * them, which would turn the rest of the title around.
     */
    public String titleWords() {
        return inALine(request().text());
    }

    /** Words a reader typed, set in a line of English text as {@link #titleWords} sets them. */
    static String inALine(String words) {
        return WrittenText.isolated(ControlCharacters.shownAsTyped(words));
    }

    /** The words in the search box: what the reader typed when they could not be searched. */
    public String words() {
        return problems.containsKey(SearchRequestReader.WORDS) ? ControlCharacters.shownAsTyped(typedWords) : request().text();
    }

    /** What the reader typed in a date field: kept as typed when it could not be used. */
    public String typed(String name, String used) {
        if (!problems.containsKey(SearchRequestReader.DATES)) {
            return used;
        }
        return ControlCharacters.shownAsTyped(name.equals(SearchRequest.FROM) ? typedFrom : typedTo);
    }

    public Trail trail() {
        return new Trail(ResultTrail.carried(request().onPage(1).toQueryString()), total());
    }

    public long total() {
        return outcome.results().total();
    }

    /** How many records were found, written as the page writes counts: 5,245. */
    public String totalText() {
        return Pagination.number(total());
    }

    public SearchRequest request() {
        return outcome.request();
    }

    public Pagination pagination() {
        return outcome.pagination();
    }

    public List<SearchOutcome.Hit> hits() {
        return outcome.hits();
    }

    public String notice() {
        return outcome.results().notice();
    }

    /**
     * What a reader is told when the search did not wait for changes still being taken into search
     * (a bulk import being followed): that these results lack them, for now. Null when they do not.
     */
    public String catchingUp() {
        long pending = outcome.results().changesPending();
        if (pending == 0) {
            return null;
        }
        return "Search is still taking in " + Pagination.number(pending) + (pending == 1 ? " recent change" : " recent changes")
                + " to the catalogue, such as an import: these results do not show "
                + (pending == 1 ? "it" : "them") + " yet. Search again in a moment.";
    }

    public boolean filtered() {
        return !chips.isEmpty();
    }

    public String sortHref(SortOrder sort) {
        return SearchLinks.search(request().sortedBy(sort));
    }

    /** The orders the page offers, each with its link, the one the hits are in without. */
    public List<SortChoice> sortChoices() {
        SortOrder effective = request().effectiveSort();
        return sorts.stream().map(s -> s == effective ? new SortChoice(s.label(), null, true)
                : new SortChoice(s.label(), sortHref(s), false)).toList();
    }

    /** This very page of the search for programs, its JSON twin: {@code /search.json} with the same parameters. */
    public String jsonHref() {
        return request().on(SearchPage.JSON);
    }

    /** The same search as a file: {@code /search.csv}, {@code /search.ris}, {@code /search.bib}. */
    public String exportHref(String extension) {
        return links.on(SearchLinks.SEARCH + "." + extension);
    }

    /** Where a person or place is described; null for types and languages, which have no page. */
    static String about(Facet facet, String key) {
        return facet.authorities().map(kind -> kind.path(key)).orElse(null);
    }

    /** Every value of a facet in this search, most records first, then by name (or by name alone). */
    static List<FacetValue> values(Facet facet, SearchOutcome outcome, boolean byName) {
        SearchRequest request = outcome.request();
        Set<String> selected = Set.copyOf(request.selected(facet));
        // Filed as a catalogue files names: accents and case aside ("Żymierski" among the Z's, not
        // after them), then as written, then by key, so that equal names keep one order.
        record Sortable(FacetValue value, String filed, String sortName) {
        }
        List<Sortable> sortable = new ArrayList<>();
        for (FacetCount count : outcome.results().facet(facet)) {
            AuthorityLabels.Label label = outcome.labels().of(facet, count.key());
            sortable.add(new Sortable(new FacetValue(count.key(), label.name(), count.count(),
                    selected.contains(count.key()), SearchLinks.search(request.toggle(facet, count.key())),
                    about(facet, count.key())), org.dossier.documents.Slugs.filingKey(label.sortName()),
                    label.sortName().toLowerCase(Locale.ROOT)));
        }
        Comparator<Sortable> byLabel = Comparator.comparing(Sortable::filed).thenComparing(Sortable::sortName)
                .thenComparing(s -> s.value().key());
        sortable.sort(byName ? byLabel
                : Comparator.comparingLong((Sortable s) -> s.value().count()).reversed().thenComparing(byLabel));
        return sortable.stream().map(Sortable::value).toList();
    }

    private static FacetBox facetBox(Facet facet, SearchOutcome outcome, SearchLinks links) {
        List<FacetValue> all = values(facet, outcome, false);
        List<FacetValue> shown = new ArrayList<>();
        for (FacetValue value : all) {
            if (shown.size() < TOP_VALUES || value.selected()) {
                shown.add(value);
            }
        }
        String allHref = links.on(FacetValuesPage.PATH + facet.key());
        String byName = FacetValuesPage.byName(allHref);
        return new FacetBox(facet.key(), SearchWording.title(facet), shown, all.size(), allHref, byName,
                SearchWording.note(facet));
    }

    private static List<Chip> chips(SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        List<Chip> chips = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            for (String key : request.selected(facet)) {
                chips.add(new Chip(SearchWording.title(facet), outcome.labels().of(facet, key).name(),
                        SearchLinks.search(request.toggle(facet, key))));
            }
        }
        if (request.dates() instanceof DateFilter.DatedIn in) {
            for (int year : in.years()) {
                chips.add(new Chip("Year", String.valueOf(year), SearchLinks.search(request.toggleYear(year))));
            }
            DateFilter.Range range = in.range();
            if (range != null && range.from() != null) {
                chips.add(new Chip("From", range.from().display(), SearchLinks.search(request.withFrom(null))));
            }
            if (range != null && range.to() != null) {
                chips.add(new Chip("To", range.to().display(), SearchLinks.search(request.withTo(null))));
            }
            if (in.whollyWithin()) {
                chips.add(new Chip("Dated", "wholly within", SearchLinks.search(request.withDated(Dated.MAY_FALL_IN))));
            }
        } else if (request.dates() instanceof DateFilter.Undated) {
            chips.add(new Chip("Date", DocumentDate.UNDATED, SearchLinks.search(request.undatedOnly(false))));
        }
        return chips;
    }

    private static DateBox dateBox(SearchOutcome outcome, SearchLinks links, SearchRequestReader.Read read) {
        SearchRequest request = outcome.request();
        // A range that could not be used is shown as typed, its box as ticked.
        DateFilter.Range range = request.dates().range();
        boolean within = read.problems().containsKey(SearchRequestReader.DATES)
                ? Dated.WITHIN.key().equals(read.typedDated()) : request.dates().whollyWithin();
        return new DateBox(DateHistogram.of(outcome.results().yearsAnyDate(), request), decades(outcome),
                range == null || range.from() == null ? "" : range.from().value(),
                range == null || range.to() == null ? "" : range.to().value(),
                within, links.carried(Set.of(SearchRequest.FROM, SearchRequest.TO, SearchRequest.DATED,
                        SearchRequest.UNDATED)), undated(outcome));
    }

    /**
     * "Undated (N)": the records without a date, counted as the histogram counts the dated ones
     * (every filter but the dates'), so that it says what its link finds; ticked, its link lets go
     * of it. Offered only when the search has undated records, or asks for them.
     */
    static FacetValue undated(SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        long count = outcome.results().undated();
        boolean chosen = request.dates() instanceof DateFilter.Undated;
        if (count == 0 && !chosen) {
            return null;
        }
        return new FacetValue(SearchRequest.UNDATED_ONLY, DocumentDate.UNDATED, count, chosen,
                SearchLinks.search(request.undatedOnly(!chosen)), null);
    }

    private static List<Decade> decades(SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        SortedMap<Integer, Long> anyDate = outcome.results().yearsAnyDate();
        SortedMap<Integer, Long> years = outcome.results().years();
        List<Decade> decades = new ArrayList<>();
        if (anyDate.isEmpty() && years.isEmpty()) {
            return decades;
        }
        int first = Math.min(anyDate.isEmpty() ? Integer.MAX_VALUE : anyDate.firstKey(),
                years.isEmpty() ? Integer.MAX_VALUE : years.firstKey()) / 10 * 10;
        int last = Math.max(anyDate.isEmpty() ? Integer.MIN_VALUE : anyDate.lastKey(),
                years.isEmpty() ? Integer.MIN_VALUE : years.lastKey());
        // One rule for the decades, as for the histogram: every number is what its link finds. A
        // decade's link searches the decade instead of any range, so its number is the records of
        // its years with the range lifted (yearsAnyDate). Without a range its years tick and untick
        // a year, and each says what it finds with the other years lifted (years): the same records,
        // so the years add up to the decade. Under a range, the years ticked within it would count
        // only the range's records ("1950s 21" over "1950 7"): each year is then, like the decade
        // and like a bar of the histogram, a link to that year instead of the range, with its
        // records with the range lifted, and the years again add up to their decade.
        // A span ("1961–1962") is counted under each year it covers, and once by its decade's link: a
        // decade's number is not the sum of its years but the engine's count of it (SearchResults.decades).
        // These numbers count the records each year or decade holds, whatever "wholly within" says of
        // the range they replace: so their links meet them in the default way, as a bar's does (DateHistogram).
        DateFilter.Range range = request.dates().range();
        boolean ranged = range != null;
        for (int decade = first; decade <= last; decade += 10) {
            long count = outcome.results().decades().getOrDefault(decade, 0L);
            List<FacetValue> values = new ArrayList<>();
            boolean open = false;
            if (ranged) {
                for (Map.Entry<Integer, Long> year : anyDate.subMap(decade, decade + 10).entrySet()) {
                    DateBound whole = DateBound.year(year.getKey());
                    boolean asked = whole.equals(range.from()) && whole.equals(range.to());
                    open |= asked;
                    String value = String.valueOf(year.getKey());
                    // The year that is the range already is ticked, and its link lifts it, as a ticked year's does.
                    values.add(new FacetValue(value, value, year.getValue(), asked,
                            SearchLinks.search(asked ? request.withDates(DateFilter.ANY)
                                    : request.between(whole, whole).withDated(Dated.MAY_FALL_IN)), null));
                }
            }
            SortedMap<Integer, Long> toTick = ranged ? java.util.Collections.emptySortedMap() : years;
            for (Map.Entry<Integer, Long> year : toTick.subMap(decade, decade + 10).entrySet()) {
                boolean ticked = request.dates().years().contains(year.getKey());
                open |= ticked;
                String value = String.valueOf(year.getKey());
                values.add(new FacetValue(value, value, year.getValue(), ticked,
                        SearchLinks.search(request.toggleYear(year.getKey())), null));
            }
            if (count == 0 && values.isEmpty()) {
                continue;
            }
            open |= ranged && DateBound.year(decade).equals(range.from()) && DateBound.year(decade + 9).equals(range.to());
            decades.add(new Decade(decade + "s", count, SearchLinks.search(decade(request, decade)), values, open));
        }
        return decades;
    }

    /** What a decade's link asks: the search with the decade instead of its years and range, met in the default way. */
    public static SearchRequest decade(SearchRequest request, int decade) {
        return request.between(DateBound.year(decade), DateBound.year(decade + 9)).withDated(Dated.MAY_FALL_IN);
    }
}
