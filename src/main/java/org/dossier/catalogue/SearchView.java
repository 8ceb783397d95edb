package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.dossier.search.Facet;
import org.dossier.search.FacetCount;
import org.dossier.search.Filter;
import org.dossier.search.SearchResults;
import org.dossier.web.Pagination;
import org.dossier.web.ResultTrail;
import org.dossier.web.UrlState;

/**
 * What the search page shows, ready to render: every link is built here, so that the template
 * only prints. Facet links toggle one value and keep the rest of the search.
 */
public record SearchView(SearchOutcome outcome, Pagination pagination, List<FacetBox> facets, DateBox dates,
                         List<Chip> chips, String clearAll, List<Suggestion> suggestions, List<SortOrder> sorts,
                         List<UrlState.Param> searchFormCarries, UrlState url, Map<String, String> problems) {

    /** Facet values shown before "all values". */
    public static final int TOP_VALUES = 10;

    /** A value of a facet, with the link that ticks or unticks it. */
    public record FacetValue(String key, String label, long count, boolean selected, String href, String about) {
    }

    /**
     * @param all     how many values the facet has in this search
     * @param allHref the page that lists all of them
     */
    public record FacetBox(String name, String title, List<FacetValue> values, int all, String allHref,
                           String allByNameHref) {
        public boolean hasMore() {
            return all > values.size();
        }

        public boolean hasValues() {
            return !values.isEmpty();
        }
    }

    /** A removable filter: "Person: Joseph Stalin ×". */
    public record Chip(String name, String label, String removeHref) {
    }

    /** A way out of an empty page, with how many records it leads to. */
    public record Suggestion(String text, long count, String href) {
    }

    /** A bar of the date histogram: a year, its records, and where it sits in the picture. */
    public record Bar(int year, long count, int x, int y, int width, int height, boolean inRange, String href) {
        public String title() {
            return year + ": " + count + (count == 1 ? " record" : " records");
        }
    }

    public record YearValue(int year, long count, boolean selected, String href) {
    }

    /** A decade: the whole of it as a date range, and its years to tick one by one. */
    public record Decade(String label, long count, String href, List<YearValue> years, boolean open) {
    }

    /**
     * @param carries what the from/to form carries along besides from and to
     */
    public record DateBox(List<Bar> bars, int width, int height, String firstYear, String lastYear,
                          List<Decade> decades, String from, String to, List<UrlState.Param> carries) {
        public boolean hasHistogram() {
            return !bars.isEmpty();
        }

        public boolean hasDecades() {
            return !decades.isEmpty();
        }
    }

    static final int BAR_WIDTH = 6;
    static final int BAR_GAP = 1;
    static final int HISTOGRAM_HEIGHT = 60;

    /** Links from a hit to its record that carry the search, for the record's way back and on. */
    public record Trail(String search, long total) {
        public String href(String recordPath, long hit) {
            return ResultTrail.recordHref(recordPath, search, hit, total);
        }
    }

    public static SearchView of(SearchOutcome outcome, UrlState url) {
        return of(outcome, url, Map.of());
    }

    /** @param problems what was left out of the search, by control ({@code dates}, {@code filters}, {@code page}) */
    public static SearchView of(SearchOutcome outcome, UrlState url, Map<String, String> problems) {
        SearchParams params = outcome.params();
        SearchResults results = outcome.results();
        SearchLinks links = new SearchLinks(url);
        List<FacetBox> facets = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            facets.add(facetBox(facet, outcome, url, links));
        }
        return new SearchView(outcome, outcome.pagination(), facets, dateBox(params, results, url, links),
                chips(outcome, url), url.clear("type", "person", "place", "author", "recipient", "year", "from", "to", "all"),
                suggestions(outcome, url), sorts(params),
                links.carried(Set.of("q")), url, Map.copyOf(problems));
    }

    /** What was left out of the search at this control, or null. */
    public String problem(String control) {
        return problems.get(control);
    }

    /** The filters stand open on a phone when one of them needs the reader's attention. */
    public boolean filtersOpen() {
        return problems.containsKey("filters") || problems.containsKey("dates");
    }

    /** What the reader typed in a date field: kept as typed when it could not be used. */
    public String typed(String name, String used) {
        if (!problems.containsKey("dates")) {
            return used;
        }
        List<String> values = url.values(name);
        return values.isEmpty() ? "" : values.get(0);
    }

    public Trail trail() {
        return new Trail(ResultTrail.searchOf(url), total());
    }

    public long total() {
        return outcome.results().total();
    }

    public SearchParams params() {
        return outcome.params();
    }

    public List<SearchOutcome.Hit> hits() {
        return outcome.hits();
    }

    public String notice() {
        return outcome.results().notice();
    }

    public boolean filtered() {
        return !chips.isEmpty();
    }

    public boolean hasSuggestions() {
        return !suggestions.isEmpty();
    }

    public String sortHref(SortOrder sort) {
        return url.set("sort", sort.value());
    }

    /** The same search as a file: {@code /search.csv}, {@code /search.ris}, {@code /search.bib}. */
    public String exportHref(String extension) {
        return url.on("/search." + extension);
    }

    static String title(Facet facet) {
        return switch (facet) {
            case TYPE -> "Type";
            case PERSON -> "Person";
            case PLACE -> "Place";
            // Not "From"/"To": those name the date range.
            case AUTHOR -> "Written by";
            case RECIPIENT -> "Sent to";
        };
    }

    static String plural(Facet facet) {
        return switch (facet) {
            case TYPE -> "types";
            case PERSON -> "people";
            case PLACE -> "places";
            case AUTHOR -> "authors";
            case RECIPIENT -> "recipients";
        };
    }

    /** Where a person or place is described; null for types, which have no page. */
    static String about(Facet facet, String key) {
        return switch (facet) {
            case TYPE -> null;
            case PERSON, AUTHOR, RECIPIENT -> AuthorityPage.PEOPLE + key;
            case PLACE -> AuthorityPage.PLACES + key;
        };
    }

    /** Every value of a facet in this search, most records first, then by name (or by name alone). */
    static List<FacetValue> values(Facet facet, SearchOutcome outcome, UrlState url, boolean byName) {
        Set<String> selected = Set.copyOf(outcome.params().selected(facet));
        record Sortable(FacetValue value, String sortName) {
        }
        List<Sortable> sortable = new ArrayList<>();
        for (FacetCount count : outcome.results().facet(facet)) {
            AuthorityLabels.Label label = outcome.labels().of(facet, count.key());
            boolean ticked = selected.contains(count.key());
            sortable.add(new Sortable(new FacetValue(count.key(), label.name(), count.count(), ticked,
                    ticked ? url.remove(facet.key(), count.key()) : url.add(facet.key(), count.key()),
                    about(facet, count.key())), label.sortName().toLowerCase(Locale.ROOT)));
        }
        Comparator<Sortable> byLabel = Comparator.comparing(Sortable::sortName);
        sortable.sort(byName ? byLabel
                : Comparator.comparingLong((Sortable s) -> s.value().count()).reversed().thenComparing(byLabel));
        return sortable.stream().map(Sortable::value).toList();
    }

    private static FacetBox facetBox(Facet facet, SearchOutcome outcome, UrlState url, SearchLinks links) {
        List<FacetValue> all = values(facet, outcome, url, false);
        List<FacetValue> shown = new ArrayList<>();
        for (FacetValue value : all) {
            if (shown.size() < TOP_VALUES || value.selected()) {
                shown.add(value);
            }
        }
        String allHref = links.on(FacetValuesPage.PATH + facet.key(), Set.of()).href();
        String byName = links.on(FacetValuesPage.PATH + facet.key(), Set.of()).add("order", "name");
        return new FacetBox(facet.key(), title(facet), shown, all.size(), allHref, byName);
    }

    private static List<Chip> chips(SearchOutcome outcome, UrlState url) {
        SearchParams params = outcome.params();
        List<Chip> chips = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            for (String key : params.selected(facet)) {
                chips.add(new Chip(title(facet), outcome.labels().of(facet, key).name(), url.remove(facet.key(), key)));
            }
        }
        for (int year : params.years()) {
            chips.add(new Chip("Year", String.valueOf(year), url.remove("year", String.valueOf(year))));
        }
        if (params.from() != null) {
            chips.add(new Chip("From", params.from().display(), url.clear("from")));
        }
        if (params.to() != null) {
            chips.add(new Chip("To", params.to().display(), url.clear("to")));
        }
        return chips;
    }

    private static List<Suggestion> suggestions(SearchOutcome outcome, UrlState url) {
        SearchResults results = outcome.results();
        List<Suggestion> suggestions = new ArrayList<>();
        if (results.total() > 0) {
            return suggestions;
        }
        SearchParams params = outcome.params();
        for (Map.Entry<Filter, Long> without : results.without().entrySet()) {
            if (without.getValue() == 0) {
                continue;
            }
            Filter filter = without.getKey();
            String href = switch (filter) {
                case TYPE -> url.clear("type");
                case PERSON -> url.clear("person");
                case PLACE -> url.clear("place");
                case AUTHOR -> url.clear("author");
                case RECIPIENT -> url.clear("recipient");
                case YEAR -> url.clear("year");
                case DATES -> url.clear("from", "to");
            };
            suggestions.add(new Suggestion("Remove " + describe(filter, outcome), without.getValue(), href));
        }
        if (outcome.wordsAlone() > 0) {
            suggestions.add(new Suggestion("Keep the words, remove every filter", outcome.wordsAlone(),
                    url.clear("type", "person", "place", "author", "recipient", "year", "from", "to", "all")));
        }
        if (outcome.filtersAlone() > 0) {
            suggestions.add(new Suggestion("Keep the filters, remove the words", outcome.filtersAlone(),
                    url.clear("q", "sort")));
        }
        return suggestions;
    }

    private static String describe(Filter filter, SearchOutcome outcome) {
        SearchParams params = outcome.params();
        return switch (filter) {
            case TYPE, PERSON, PLACE, AUTHOR, RECIPIENT -> {
                Facet facet = Facet.valueOf(filter.name());
                List<String> names = params.selected(facet).stream()
                        .map(key -> outcome.labels().of(facet, key).name()).toList();
                yield title(facet).toLowerCase(Locale.ROOT) + ": " + String.join(" or ", names);
            }
            case YEAR -> "year: " + String.join(" or ", params.years().stream().map(String::valueOf).toList());
            case DATES -> "dates: " + (params.from() == null ? "" : "from " + params.from().display())
                    + (params.from() != null && params.to() != null ? " " : "")
                    + (params.to() == null ? "" : "to " + params.to().display());
        };
    }

    private static List<SortOrder> sorts(SearchParams params) {
        return params.hasWords()
                ? List.of(SortOrder.RELEVANCE, SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST, SortOrder.TITLE)
                : List.of(SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST, SortOrder.TITLE);
    }

    private static DateBox dateBox(SearchParams params, SearchResults results, UrlState url, SearchLinks links) {
        SortedMap<Integer, Long> anyDate = results.yearsAnyDate();
        List<Bar> bars = new ArrayList<>();
        int width = 0;
        String firstYear = "";
        String lastYear = "";
        if (!anyDate.isEmpty()) {
            int first = anyDate.firstKey();
            int last = anyDate.lastKey();
            long max = anyDate.values().stream().mapToLong(Long::longValue).max().orElse(1);
            for (int year = first; year <= last; year++) {
                long count = anyDate.getOrDefault(year, 0L);
                int height = count == 0 ? 0 : (int) Math.max(1, Math.round((double) count / max * HISTOGRAM_HEIGHT));
                String y = String.format(Locale.ROOT, "%04d", year);
                bars.add(new Bar(year, count, (year - first) * (BAR_WIDTH + BAR_GAP), HISTOGRAM_HEIGHT - height,
                        BAR_WIDTH, height, inRange(params, year), links.dates(y, y)));
            }
            width = bars.size() * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
            firstYear = String.valueOf(first);
            lastYear = String.valueOf(last);
        }
        return new DateBox(bars, width, HISTOGRAM_HEIGHT, firstYear, lastYear, decades(params, results, url, links),
                params.from() == null ? "" : params.from().value(), params.to() == null ? "" : params.to().value(),
                links.carried(Set.of("from", "to")));
    }

    private static boolean inRange(SearchParams params, int year) {
        boolean afterFrom = params.from() == null || year >= params.from().first().getYear();
        boolean beforeTo = params.to() == null || year <= params.to().last().getYear();
        boolean ticked = params.years().isEmpty() || params.years().contains(year);
        return afterFrom && beforeTo && ticked && (params.from() != null || params.to() != null
                || !params.years().isEmpty());
    }

    private static List<Decade> decades(SearchParams params, SearchResults results, UrlState url, SearchLinks links) {
        SortedMap<Integer, Long> anyDate = results.yearsAnyDate();
        SortedMap<Integer, Long> years = results.years();
        List<Decade> decades = new ArrayList<>();
        if (anyDate.isEmpty() && years.isEmpty()) {
            return decades;
        }
        int first = Math.min(anyDate.isEmpty() ? Integer.MAX_VALUE : anyDate.firstKey(),
                years.isEmpty() ? Integer.MAX_VALUE : years.firstKey()) / 10 * 10;
        int last = Math.max(anyDate.isEmpty() ? Integer.MIN_VALUE : anyDate.lastKey(),
                years.isEmpty() ? Integer.MIN_VALUE : years.lastKey());
        for (int decade = first; decade <= last; decade += 10) {
            long count = anyDate.subMap(decade, decade + 10).values().stream().mapToLong(Long::longValue).sum();
            List<YearValue> values = new ArrayList<>();
            boolean open = false;
            for (Map.Entry<Integer, Long> year : years.subMap(decade, decade + 10).entrySet()) {
                boolean ticked = params.years().contains(year.getKey());
                open |= ticked;
                String value = String.valueOf(year.getKey());
                values.add(new YearValue(year.getKey(), year.getValue(), ticked,
                        ticked ? url.remove("year", value) : url.add("year", value)));
            }
            if (count == 0 && values.isEmpty()) {
                continue;
            }
            String from = String.format(Locale.ROOT, "%04d", decade);
            String to = String.format(Locale.ROOT, "%04d", decade + 9);
            open |= params.from() != null && params.from().value().equals(from)
                    && params.to() != null && params.to().value().equals(to);
            decades.add(new Decade(decade + "s", count, links.dates(from, to), values, open));
        }
        return decades;
    }
}
