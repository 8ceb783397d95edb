package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dossier.search.DateRange;
import org.dossier.search.Facet;
import org.dossier.search.SearchOrder;
import org.dossier.search.SearchRequest;
import org.dossier.web.BadRequest;
import org.dossier.web.QueryParams;

/**
 * Everything a search page is, as its URL says it: {@code q}, {@code type}, {@code person},
 * {@code place}, {@code year} (each may repeat), {@code from}, {@code to}, {@code sort},
 * {@code page}, {@code pageSize} and {@code all} (a facet whose values must all be there rather
 * than any one: {@code person=stalin&person=mao-zedong&all=person}). Read strictly: a value that makes no sense is a 400 that
 * says which and why. Parameters it does not know are ignored.
 *
 * @param facets for each facet, the keys ticked, in URL order, without repeats
 * @param sort   as asked; relevance without words orders newest first
 * @param all    the facets whose values combine with AND ("all of") instead of OR ("any of")
 */
public record SearchParams(String q, Map<Facet, List<String>> facets, SortedSet<Integer> years, DateBound from,
                           DateBound to, SortOrder sort, int page, int pageSize, Set<Facet> all) {

    /** The facets a record can have several values of: only they can require all. */
    public static final Set<Facet> MULTI_VALUED = Set.of(Facet.PERSON, Facet.PLACE);

    public SearchParams(String q, Map<Facet, List<String>> facets, SortedSet<Integer> years, DateBound from,
                        DateBound to, SortOrder sort, int page, int pageSize) {
        this(q, facets, years, from, to, sort, page, pageSize, Set.of());
    }


    public static final int PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_QUERY_LENGTH = 500;
    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    public SearchParams {
        q = q == null ? "" : q.strip();
        EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
        facets.forEach((facet, keys) -> {
            if (!keys.isEmpty()) {
                copy.put(facet, List.copyOf(new LinkedHashSet<>(keys)));
            }
        });
        facets = Collections.unmodifiableMap(copy);
        years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
        all = all == null || all.isEmpty() ? Set.of() : Collections.unmodifiableSet(java.util.EnumSet.copyOf(all));
    }

    /** Strict: a value that makes no sense is a 400 (for the JSON twin and the exports). */
    public static SearchParams read(Context ctx) {
        return read(ctx, null);
    }

    /**
     * The search as a page shows it: what makes no sense is left out of the search and said at
     * the control it belongs to ({@code dates}, {@code filters}, {@code page}), and everything
     * else is kept, so that the reader sees their search and what to change.
     */
    public static Read readForPage(Context ctx) {
        Map<String, String> problems = new LinkedHashMap<>();
        return new Read(read(ctx, problems), problems);
    }

    /** A search read for a page, with what had to be left out of it, by control. */
    public record Read(SearchParams params, Map<String, String> problems) {
        public Read {
            problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        }
    }

    /** Reads strictly when {@code problems} is null; otherwise notes each problem there and goes on. */
    private static SearchParams read(Context ctx, Map<String, String> problems) {
        String q = QueryParams.single(ctx, "q");
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("'q' may be at most " + MAX_QUERY_LENGTH + " characters long, not " + q.length());
        }
        Map<Facet, List<String>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<String> keys = new ArrayList<>();
            for (String key : ctx.queryParams(facet.key())) {
                if (key.isEmpty()) {
                    continue;
                }
                if (key.length() > 100 || !KEY.matcher(key).matches()) {
                    note(problems, "filters", new BadRequest("'" + facet.key() + "' must be a key such as "
                            + "'ciphered-telegram' (lower-case letters, digits and hyphens), not '"
                            + QueryParams.shorten(key) + "'"));
                    continue;
                }
                keys.add(key);
            }
            facets.put(facet, keys);
        }
        SortedSet<Integer> years = new TreeSet<>();
        for (String year : ctx.queryParams("year")) {
            if (!year.isEmpty()) {
                if (!YEAR.matcher(year).matches()) {
                    note(problems, "filters", new BadRequest("'year' must be a year of four digits, such as 1950, not '"
                            + QueryParams.shorten(year) + "'"));
                    continue;
                }
                years.add(Integer.parseInt(year));
            }
        }
        DateBound from = null;
        DateBound to = null;
        try {
            from = bound(ctx, "from");
            to = bound(ctx, "to");
            if (from != null && to != null && from.firstDay().isAfter(to.lastDay())) {
                throw new BadRequest("'from' (" + from.value() + ") is after 'to' (" + to.value() + ")");
            }
        } catch (BadRequest e) {
            note(problems, "dates", e);
            from = null;
            to = null;
        }
        boolean words = q != null && !q.isBlank();
        SortOrder sort = SortOrder.fromValue(QueryParams.choice(ctx, "sort",
                words ? SortOrder.RELEVANCE.value() : SortOrder.DATE_NEWEST.value(), SortOrder.urlValues()));
        int pageSize = QueryParams.integer(ctx, "pageSize", PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int lastPage = SearchRequest.MAX_WINDOW / pageSize;
        int page;
        try {
            String pageValue = QueryParams.single(ctx, "page");
            if (pageValue != null && pageValue.matches("[0-9]{1,9}") && Integer.parseInt(pageValue) > lastPage) {
                throw new BadRequest("Only the first " + SearchRequest.MAX_WINDOW + " hits can be paged through (page "
                        + lastPage + " of " + pageSize + "); narrow the search with words or filters");
            }
            page = QueryParams.integer(ctx, "page", 1, 1, lastPage);
        } catch (BadRequest e) {
            note(problems, "page", e);
            page = 1;
        }
        Set<Facet> all;
        try {
            all = all(ctx);
        } catch (BadRequest e) {
            note(problems, "filters", e);
            all = Set.of();
        }
        return new SearchParams(q, facets, years, from, to, sort, page, pageSize, all);
    }

    private static Set<Facet> all(Context ctx) {
        Set<Facet> all = java.util.EnumSet.noneOf(Facet.class);
        for (String name : ctx.queryParams("all")) {
            if (name.isEmpty()) {
                continue;
            }
            Facet facet = Facet.fromKey(name).filter(MULTI_VALUED::contains).orElseThrow(() -> new BadRequest(
                    "'all' names a filter whose values must all match, 'person' or 'place', not '"
                            + QueryParams.shorten(name) + "'" + (name.equals("type") ? ": a record has one type" : "")));
            all.add(facet);
        }
        return all;
    }

    private static void note(Map<String, String> problems, String control, BadRequest problem) {
        if (problems == null) {
            throw problem;
        }
        problems.merge(control, problem.getMessage() + ".", (a, b) -> a + " " + b);
    }

    /** The same search on another page (page past the end: the last one). */
    public SearchParams onPage(int otherPage) {
        return new SearchParams(q, facets, years, from, to, sort, otherPage, pageSize, all);
    }

    /** The same search, one hit a page, on the page of hit {@code n}. */
    public SearchParams atHit(int n) {
        return new SearchParams(q, facets, years, from, to, sort, n, 1, all);
    }

    /** The same search without the facet keys no authority list has. */
    public SearchParams keeping(Map<Facet, List<String>> knownFacets) {
        return new SearchParams(q, knownFacets, years, from, to, sort, page, pageSize, all);
    }

    private static DateBound bound(Context ctx, String name) {
        String value = QueryParams.single(ctx, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return DateBound.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'" + name + "' " + e.getMessage() + ", not '" + QueryParams.shorten(value) + "'");
        }
    }

    public boolean hasWords() {
        return !q.isEmpty();
    }

    public List<String> selected(Facet facet) {
        return facets.getOrDefault(facet, List.of());
    }

    public boolean hasFilters() {
        return !facets.isEmpty() || !years.isEmpty() || from != null || to != null;
    }

    /** The order actually used: relevance needs words to rank by. */
    public SortOrder effectiveSort() {
        return sort == SortOrder.RELEVANCE && !hasWords() ? SortOrder.DATE_NEWEST : sort;
    }

    public SearchRequest request() {
        Map<Facet, Set<String>> selected = new EnumMap<>(Facet.class);
        facets.forEach((facet, keys) -> selected.put(facet, new LinkedHashSet<>(keys)));
        DateRange dates = from == null && to == null ? null
                : new DateRange(from == null ? null : from.firstDay(), to == null ? null : to.lastDay());
        return new SearchRequest(q, selected, years, dates, order(effectiveSort()), (page - 1) * pageSize, pageSize,
                all);
    }

    /** Whether the values ticked in {@code facet} must all be there (there are two or more, and 'all' asks so). */
    public boolean requiresAll(Facet facet) {
        return all.contains(facet) && selected(facet).size() > 1;
    }

    private static SearchOrder order(SortOrder sort) {
        return switch (sort) {
            case RELEVANCE -> SearchOrder.RELEVANCE;
            case DATE_NEWEST -> SearchOrder.DATE_NEWEST;
            case DATE_OLDEST -> SearchOrder.DATE_OLDEST;
            case TITLE -> SearchOrder.TITLE;
        };
    }
}
