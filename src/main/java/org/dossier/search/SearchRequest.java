package org.dossier.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.dossier.documents.ControlCharacters;

/**
 * A search, the one shape it has from the URL to the engine and back into every link: words (may be
 * empty), filters, an order and a page of hits. Values within one facet combine with OR ("any of"),
 * unless the facet is in {@code requireAll} ("all of": a record must have every value ticked);
 * different filters combine with AND. Read from a query string once
 * ({@code catalogue/SearchRequestReader}); every link that changes one thing about a search is
 * this request changed ({@link #toggle}, {@link #sortedBy}, {@link #onPage} ...) and written back
 * with {@link #toQueryString()}, the parameters in one order.
 *
 * @param text       what the reader typed, in the engine's query syntax; empty for none
 * @param facets     for each facet, the keys ticked, in the order they were ticked, without repeats;
 *                   a facet with none is absent
 * @param dates      what it asks of a record's date: nothing, years (OR) and a range, or the
 *                   undated records only (V22); null for nothing
 * @param requireAll the facets whose ticked values must all be there, not just any of them
 * @param sort       as asked, or null for the default: relevance with words, newest first without
 * @param page       from 1
 * @param pageSize   hits on a page; 0 for none ({@link #withoutPaging()}): counts only, or every
 *                   hit's id for an export
 */
public record SearchRequest(String text, Map<Facet, List<String>> facets, DateFilter dates, Set<Facet> requireAll,
                            SortOrder sort, int page, int pageSize) {

    // The names of the URL parameters; a facet's is its key ({@code type}, {@code person} ...).
    public static final String TEXT = "q";
    public static final String YEAR = "year";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String DATED = "dated";
    /** {@code undated=only}: the records without a date. */
    public static final String UNDATED = "undated";
    /** The one value {@link #UNDATED} takes. */
    public static final String UNDATED_ONLY = "only";
    public static final String ALL = "all";
    public static final String SORT = "sort";
    public static final String PAGE = "page";
    public static final String PAGE_SIZE = "pageSize";

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_TEXT_LENGTH = 500;
    /** Filter values and years ticked at once, all facets together: a reader ticks a handful, a decade's years ten. */
    public static final int MAX_TICKED = 50;
    /** Deeper pages are not served: a reader who needs them should narrow the search. */
    public static final int MAX_WINDOW = 10_000;
    /**
     * The facets whose values can all be required: a record names several people and places, and a
     * document may be written in several languages (a treaty in Russian and Chinese).
     */
    public static final Set<Facet> MULTI_VALUED = Collections.unmodifiableSet(EnumSet.of(Facet.PERSON, Facet.PLACE,
            Facet.LANGUAGE));

    /** One parameter of the query string; a name may appear several times. */
    public record Parameter(String name, String value) {
    }

    public SearchRequest {
        text = text == null ? "" : words(text);
        EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        facets.forEach((facet, keys) -> {
            if (!keys.isEmpty()) {
                copy.put(facet, List.copyOf(new LinkedHashSet<>(keys)));
            }
        });
        facets = Collections.unmodifiableMap(copy);
        dates = dates == null ? DateFilter.ANY : dates;
        requireAll = requireAll == null || requireAll.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(requireAll));
        if (page < 1 || pageSize < 0 || (long) (page - 1) * pageSize + pageSize > MAX_WINDOW) {
            throw new IllegalArgumentException("page " + page + " of " + pageSize + " is beyond the first " + MAX_WINDOW
                    + " hits");
        }
    }

    /** Why undated records and years or a range are not asked for together, and what to do instead. */
    public static final String UNDATED_AND_DATES = "Undated records have no year or date range: ask for the undated "
            + "records (undated=only) or for a period ('year', 'from', 'to'), not both";

    /**
     * Words as the engines read them, whoever made the request: composed (NFC), as every indexed
     * title and summary is ({@code IndexedRecord}), so that an "á" typed as "a" and a combining
     * accent (macOS, text pasted from a PDF) finds what the precomposed "á" finds; control
     * characters ({@link ControlCharacters}: a NUL) taken out, as no word has them and a page writes the words back into
     * its search box; no whitespace around.
     */
    public static String words(String typed) {
        return ControlCharacters.controlsAsSpaces(Normalizer.normalize(typed, Normalizer.Form.NFC)).strip();
    }

    /** A year as the {@code year} parameter gives it: four digits, {@code 0950} for 950. */
    public static String yearValue(int year) {
        return String.format(Locale.ROOT, "%04d", year);
    }

    /** Everything, newest first, {@code pageSize} hits a page (0: counts only). */
    public static SearchRequest everything(int pageSize) {
        return new SearchRequest("", Map.of(), DateFilter.ANY, Set.of(), null, 1, pageSize);
    }

    /** These words over everything, by relevance, the first page. */
    public static SearchRequest of(String text) {
        return everything(DEFAULT_PAGE_SIZE).withText(text);
    }

    // What a request is.

    public boolean hasText() {
        return !text.isEmpty();
    }

    /**
     * The words as they are searched: the text without the question marks that end it, which are
     * the question's ("kim september 1950?"), not a pattern of one letter more.
     */
    public String searchedText() {
        return QueryReader.withoutClosingQuestionMarks(text);
    }

    /** The keys ticked in {@code facet}, in the order they were ticked. */
    public List<String> selected(Facet facet) {
        return facets.getOrDefault(facet, List.of());
    }

    public boolean hasFilters() {
        return !facets.isEmpty() || !(dates instanceof DateFilter.AnyDate);
    }

    /** Whether a record must have all values ticked in {@code facet}: there are two or more, and 'all' asks so. */
    public boolean requiresAll(Facet facet) {
        return requireAll.contains(facet) && selected(facet).size() > 1;
    }

    /**
     * Whether {@code facet}'s values are counted under its own filter: 'all' is asked of it and a
     * value is ticked, so that each other value's link asks for records with it as well as every
     * value ticked — from the first value ticked, though the hits change only from the second
     * ({@link #requiresAll}). Otherwise a facet's values are counted with its own filter lifted
     * (drill sideways): what ticking one would add.
     */
    public boolean countsUnderItsOwnFilter(Facet facet) {
        return requireAll.contains(facet) && !selected(facet).isEmpty();
    }

    /** The order actually used: relevance needs words to rank by. */
    public SortOrder effectiveSort() {
        SortOrder asked = sort == null ? SortOrder.RELEVANCE : sort;
        return asked == SortOrder.RELEVANCE && !hasText() ? SortOrder.DATE_NEWEST : asked;
    }

    /** Whether the request asks for a page of hits at all, rather than counts or every hit. */
    public boolean hasPaging() {
        return pageSize > 0;
    }

    /** How many hits come before this page. */
    public int offset() {
        return (page - 1) * pageSize;
    }

    /** The filters this request carries. */
    public Set<Filter> activeFilters() {
        Set<Filter> active = EnumSet.noneOf(Filter.class);
        facets.keySet().forEach(f -> active.add(Filter.of(f)));
        if (dates instanceof DateFilter.DatedIn in) {
            if (!in.years().isEmpty()) {
                active.add(Filter.YEAR);
            }
            if (in.range() != null) {
                active.add(Filter.DATES);
            }
        } else if (dates instanceof DateFilter.Undated) {
            active.add(Filter.UNDATED);
        }
        return active;
    }

    // The same search, changed. Every change but the page goes back to page 1, as a link should.

    /** Other words, the filters and order kept. */
    public SearchRequest withText(String otherText) {
        return new SearchRequest(otherText, facets, dates, requireAll, sort, 1, pageSize);
    }

    /** The filters alone: no words, and the order that goes without them. */
    public SearchRequest withoutText() {
        return new SearchRequest("", facets, dates, requireAll, null, 1, pageSize);
    }

    /** With {@code key} ticked in {@code facet} if it was not, unticked if it was. */
    public SearchRequest toggle(Facet facet, String key) {
        List<String> keys = new ArrayList<>(selected(facet));
        if (!keys.remove(key)) {
            keys.add(key);
        }
        return withKeys(facet, keys).onPage(1);
    }

    /** The same search, page and all, with {@code old} ticked as {@code replacement} instead, where it stood. */
    public SearchRequest replacing(Facet facet, String old, String replacement) {
        List<String> keys = new ArrayList<>(selected(facet));
        keys.replaceAll(key -> key.equals(old) ? replacement : key);
        return withKeys(facet, keys);
    }

    // A year or a range asks for dated records: choosing one lets go of the undated records, as
    // choosing those lets go of every year and range.

    /** With another date filter, all else kept. */
    public SearchRequest withDates(DateFilter other) {
        return new SearchRequest(text, facets, other, requireAll, sort, 1, pageSize);
    }

    /** With {@code year} ticked if it was not (instead of the undated records), unticked if it was. */
    public SearchRequest toggleYear(int year) {
        SortedSet<Integer> changed = new TreeSet<>(dates.years());
        if (!changed.remove(year)) {
            changed.add(year);
        }
        return withDates(DateFilter.of(changed, dates.range()));
    }

    /**
     * Limited to the dates from {@code start} to {@code end} (either may be null: both, no range),
     * instead of any years, range or undated records; met as the range it replaces was.
     */
    public SearchRequest between(DateBound start, DateBound end) {
        DateFilter.Range was = dates.range();
        return withDates(DateFilter.of(new TreeSet<>(), DateFilter.Range.of(start, end, was == null ? null : was.how())));
    }

    /** With another start of the range (null: none), its end and the years kept. */
    public SearchRequest withFrom(DateBound start) {
        DateFilter.Range was = dates.range();
        return start == null && was == null ? onPage(1) : withDates(DateFilter.of(dates.years(),
                was == null ? DateFilter.Range.of(start, null, null) : was.withFrom(start)));
    }

    /** With another end of the range (null: none), its start and the years kept. */
    public SearchRequest withTo(DateBound end) {
        DateFilter.Range was = dates.range();
        return end == null && was == null ? onPage(1) : withDates(DateFilter.of(dates.years(),
                was == null ? DateFilter.Range.of(null, end, null) : was.withTo(end)));
    }

    /** With the range met in another way (see {@link Dated}); without a range, there is none to meet. */
    public SearchRequest withDated(Dated otherDated) {
        DateFilter.Range was = dates.range();
        return was == null ? onPage(1) : withDates(DateFilter.of(dates.years(), was.met(otherDated)));
    }

    /**
     * With the range met the other way (see {@link Dated#other()}): what a search page counts beside
     * its answer when {@link DateFilter#howMatters()}; without a range, there is none to meet.
     */
    public SearchRequest withDatedTheOtherWay() {
        DateFilter.Range was = dates.range();
        return was == null ? onPage(1) : withDated(was.how().other());
    }

    /** The undated records only, instead of any years or range; or, {@code only} false, dated and undated alike. */
    public SearchRequest undatedOnly(boolean only) {
        return only ? withDates(DateFilter.UNDATED)
                : dates instanceof DateFilter.Undated ? withDates(DateFilter.ANY) : onPage(1);
    }

    /** Without one filter: a facet's values, the years, the date range, or the undated records alone. */
    public SearchRequest without(Filter filter) {
        return switch (filter) {
            case UNDATED -> undatedOnly(false);
            case YEAR -> dates instanceof DateFilter.DatedIn in ? withDates(DateFilter.of(new TreeSet<>(), in.range()))
                    : onPage(1);
            case DATES -> dates instanceof DateFilter.DatedIn in ? withDates(DateFilter.of(in.years(), null)) : onPage(1);
            default -> withKeys(filter.facet(), List.of()).onPage(1);
        };
    }

    /** The words alone: no filter, and no facet that requires all its values. */
    public SearchRequest withoutFilters() {
        return new SearchRequest(text, Map.of(), DateFilter.ANY, Set.of(), sort, 1, pageSize);
    }

    /** With the values ticked in {@code facet} required all ({@code all=person}), or any one of them. */
    public SearchRequest requiringAll(Facet facet, boolean all) {
        Set<Facet> changed = EnumSet.noneOf(Facet.class);
        changed.addAll(requireAll);
        if (all) {
            changed.add(facet);
        } else {
            changed.remove(facet);
        }
        return new SearchRequest(text, facets, dates, changed, sort, 1, pageSize);
    }

    public SearchRequest sortedBy(SortOrder order) {
        return new SearchRequest(text, facets, dates, requireAll, order, 1, pageSize);
    }

    /** The same search on another page. */
    public SearchRequest onPage(int otherPage) {
        return new SearchRequest(text, facets, dates, requireAll, sort, otherPage, pageSize);
    }

    /** The same search, {@code size} hits a page, on its first page. */
    public SearchRequest withPageSize(int size) {
        return new SearchRequest(text, facets, dates, requireAll, sort, 1, size);
    }

    /** The same search, one hit a page, on the page of hit {@code n}. */
    public SearchRequest atHit(int n) {
        return new SearchRequest(text, facets, dates, requireAll, sort, n, 1);
    }

    /** The same search with no page of hits: its counts, or (for an export) every hit. */
    public SearchRequest withoutPaging() {
        return new SearchRequest(text, facets, dates, requireAll, sort, 1, 0);
    }

    /**
     * The same search as far as its counts go: no page and no order, on which no count depends. Every
     * page and order of a search shares its counts (see the search engine's kept answers).
     */
    public SearchRequest forCounts() {
        return new SearchRequest(text, facets, dates, requireAll, null, 1, 0);
    }

    /**
     * The same search spelt one way, as far as its answer goes: each facet's values in one order
     * (the order they were ticked in changes neither which records pass nor any count, and a facet's
     * values are listed by their counts) and the order of hits as used ({@link #effectiveSort()}:
     * {@code sort=relevance} spelt out or left to the default is the same ranking). What an answer is
     * kept under ({@code KeptAnswers}), so that two addresses of one search are counted once; the
     * page keeps the request as asked, for its chips and links.
     */
    public SearchRequest oneSpelling() {
        Map<Facet, List<String>> sorted = new EnumMap<>(Facet.class);
        facets.forEach((facet, keys) -> sorted.put(facet, keys.size() < 2 ? keys : keys.stream().sorted().toList()));
        return new SearchRequest(text, sorted, dates, requireAll, effectiveSort(), page, pageSize);
    }

    /** The same search, on the same page, keeping only the facet keys {@code known} accepts. */
    public SearchRequest keeping(BiPredicate<Facet, String> known) {
        Map<Facet, List<String>> kept = new EnumMap<>(Facet.class);
        facets.forEach((facet, keys) -> kept.put(facet, keys.stream().filter(k -> known.test(facet, k)).toList()));
        return new SearchRequest(text, kept, dates, requireAll, sort, page, pageSize);
    }

    private SearchRequest withKeys(Facet facet, List<String> keys) {
        Map<Facet, List<String>> changed = new EnumMap<>(Facet.class);
        changed.putAll(facets);
        changed.put(facet, keys);
        return new SearchRequest(text, changed, dates, requireAll, sort, page, pageSize);
    }

    // The request written back as a URL's query.

    /**
     * The parameters that say this request, in one order (words, facets, years, range and how it is
     * met, the undated records, 'all', order, page size, page), each left out where it has its default.
     */
    public List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        if (hasText()) {
            parameters.add(new Parameter(TEXT, text));
        }
        facets.forEach((facet, keys) -> keys.forEach(key -> parameters.add(new Parameter(facet.key(), key))));
        if (dates instanceof DateFilter.DatedIn in) {
            in.years().forEach(year -> parameters.add(new Parameter(YEAR, yearValue(year))));
            DateFilter.Range range = in.range();
            if (range != null && range.from() != null) {
                parameters.add(new Parameter(FROM, range.from().value()));
            }
            if (range != null && range.to() != null) {
                parameters.add(new Parameter(TO, range.to().value()));
            }
            if (range != null && range.how() != Dated.MAY_FALL_IN) {
                parameters.add(new Parameter(DATED, range.how().key()));
            }
        } else if (dates instanceof DateFilter.Undated) {
            parameters.add(new Parameter(UNDATED, UNDATED_ONLY));
        }
        requireAll.forEach(facet -> parameters.add(new Parameter(ALL, facet.key())));
        if (sort != null) {
            parameters.add(new Parameter(SORT, sort.key()));
        }
        if (pageSize > 0 && pageSize != DEFAULT_PAGE_SIZE) {
            parameters.add(new Parameter(PAGE_SIZE, String.valueOf(pageSize)));
        }
        if (pageSize > 0 && page > 1) {
            parameters.add(new Parameter(PAGE, String.valueOf(page)));
        }
        return parameters;
    }

    /** {@code q=korea&person=stalin&sort=date&page=2}, encoded; empty for everything on its first page. */
    public String toQueryString() {
        return parameters().stream()
                .map(p -> encode(p.name()) + "=" + encode(p.value()))
                .collect(Collectors.joining("&"));
    }

    /** The request as an address on {@code path}: {@code /search?q=korea}, or the path alone. */
    public String on(String path) {
        String query = toQueryString();
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static String encode(String text) {
        // Most names and values (stalin, ciphered-telegram, 1950) are left as they are: a page encodes a
        // few hundred of them, and URLEncoder makes two buffers for each.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '*')) {
                return URLEncoder.encode(text, StandardCharsets.UTF_8);
            }
        }
        return text;
    }
}
