package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dossier.search.DateBound;
import org.dossier.search.DateFilter;
import org.dossier.search.Dated;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.search.SortOrder;
import org.dossier.web.BadRequest;
import org.dossier.web.QueryParams;

/**
 * Reads a {@link SearchRequest} from a URL's query, once: {@code q}, {@code type}, {@code person},
 * {@code place}, {@code author}, {@code recipient}, {@code language}, {@code year} (each facet and the year may repeat),
 * {@code from}, {@code to}, {@code dated} ({@code within}: only records dated wholly within the range),
 * {@code undated} ({@code only}: the records without a date, never with a year or a range),
 * {@code all} (a facet whose values must all be there rather than any
 * one: {@code person=stalin&person=mao-zedong&all=person}), {@code sort}, {@code page},
 * {@code pageSize}. Strictly for the JSON twin and the exports (a value that makes no sense is a
 * 400 that says which and why), or for the search page, where what makes no sense is left out and
 * said at its control. Parameters it does not know are ignored.
 */
public final class SearchRequestReader {

    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    /** Where a page says what it left out: at the words, the filters, the date range, the order, or the pager. */
    static final String WORDS = "words";
    static final String FILTERS = "filters";
    static final String DATES = "dates";
    static final String PAGE = "page";
    static final String ORDER = "order";

    private SearchRequestReader() {
    }

    /** Strict: a value that makes no sense is a 400 (for the JSON twin). */
    public static SearchRequest strict(Context ctx) {
        return read(ctx, null, true);
    }

    /**
     * Strict, for an export: every hit, so {@code page} and {@code pageSize} are not read. An export's
     * address copied from a deep page (its {@code page=5000} past what a search pages through) was a
     * 400, though no page of it was ever to be taken.
     */
    public static SearchRequest strictUnpaged(Context ctx) {
        return read(ctx, null, false);
    }

    /**
     * The search as a page shows it: what makes no sense is left out of the search and said at
     * the control it belongs to ({@code dates}, {@code filters}, {@code order}, {@code page}), and everything
     * else is kept, so that the reader sees their search and what to change.
     */
    public static Read forPage(Context ctx) {
        Map<String, String> problems = new LinkedHashMap<>();
        SearchRequest request = read(ctx, problems, true);
        return new Read(request, problems, String.join(" ", ctx.queryParams(SearchRequest.TEXT).stream().filter(w -> !w.isEmpty()).toList()),
                typed(ctx, SearchRequest.FROM), typed(ctx, SearchRequest.TO), typed(ctx, SearchRequest.DATED));
    }

    /**
     * A search read for a page, with what had to be left out of it, by control.
     *
     * @param typedWords what the reader typed as the words ("" for nothing; the words given twice, one
     *                   after the other), kept in the box when they could not be searched
     * @param typedFrom  what the reader typed as the start of the range ("" for nothing), kept in the
     *                   form when it could not be used
     * @param typedDated likewise, how the range was to be met ("within" when its box was ticked)
     */
    public record Read(SearchRequest request, Map<String, String> problems, String typedWords, String typedFrom,
                       String typedTo, String typedDated) {
        public Read {
            problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        }

        /** The same read with more problems (facet keys no authority list has) and the request they leave. */
        Read with(SearchRequest kept, Map<String, String> more) {
            return new Read(kept, more, typedWords, typedFrom, typedTo, typedDated);
        }
    }

    private static String typed(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        return values.isEmpty() ? "" : values.get(0);
    }

    /**
     * Reads strictly when {@code problems} is null; otherwise notes each problem there and goes on.
     * Unless {@code paged}, the first page of the default size, whatever the address says.
     */
    private static SearchRequest read(Context ctx, Map<String, String> problems, boolean paged) {
        String q = words(ctx, problems);
        Ticked ticked = new Ticked();
        Map<Facet, List<String>> facets = facets(ctx, problems, ticked);
        SortedSet<Integer> years = years(ctx, problems, ticked);
        ticked.noteLeftOut(problems);
        DateFilter dates = dates(ctx, problems, years);
        SortOrder sort = sort(ctx, problems);
        // A page size is the pager's: said there, and the default used, so the hits are still shown.
        int pageSize = paged ? pageSize(ctx, problems) : SearchRequest.DEFAULT_PAGE_SIZE;
        int page = paged ? page(ctx, problems, pageSize) : 1;
        Set<Facet> all = all(ctx, problems);
        return new SearchRequest(q, facets, dates, all, sort, page, pageSize);
    }

    /**
     * How many values of the filters and years a search ticks, and how many more it asked for than
     * it may tick, which are left out. One per reading: the facets and the years count into it.
     */
    private static final class Ticked {

        private int ticked;
        private int leftOut;

        /** Whether one more value may be ticked; if not, it is counted as left out. */
        boolean takesOneMore() {
            if (ticked == SearchRequest.MAX_TICKED) {
                leftOut++;
                return false;
            }
            return true;
        }

        void tick() {
            ticked++;
        }

        void noteLeftOut(Map<String, String> problems) {
            if (leftOut > 0) {
                // Each ticked value's chip and every facet link on the page carry all the others, so a
                // page grows with their square: 700 years (6 kB of address) took 25 s and 15 MB to render.
                note(problems, FILTERS, new BadRequest("A search may tick at most " + SearchRequest.MAX_TICKED
                        + " values of its filters and years together, not " + (ticked + leftOut)
                        + (problems == null ? "" : ": the first " + SearchRequest.MAX_TICKED + " are kept")));
            }
        }
    }

    /** The words, or null: left out of the search (and kept in the page's box) when they cannot be searched. */
    private static String words(Context ctx, Map<String, String> problems) {
        try {
            return words(ctx);
        } catch (BadRequest e) {
            // The page searches without them, and its box keeps them to be shortened or made one.
            note(problems, WORDS, problems == null ? e : new BadRequest(e.getMessage() + ": the words are left out of the search"));
            return null;
        }
    }

    /** Each facet's keys, each once, in the order given; a key that cannot be one is left out. */
    private static Map<Facet, List<String>> facets(Context ctx, Map<String, String> problems, Ticked ticked) {
        Map<Facet, List<String>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<String> keys = new ArrayList<>();
            for (String key : ctx.queryParams(facet.key())) {
                if (key.isEmpty() || keys.contains(key) || !ticked.takesOneMore()) {
                    continue;
                }
                if (key.length() > 100 || !KEY.matcher(key).matches()) {
                    note(problems, FILTERS, new BadRequest("'" + facet.key() + "' must be a key such as '"
                            + facet.exampleKey() + "' (lower-case letters, digits and hyphens), not '"
                            + QueryParams.shorten(key) + "'"));
                    continue;
                }
                keys.add(key);
                ticked.tick();
            }
            facets.put(facet, keys);
        }
        return facets;
    }

    /** The years ticked, each once; one that is not four digits is left out. */
    private static SortedSet<Integer> years(Context ctx, Map<String, String> problems, Ticked ticked) {
        SortedSet<Integer> years = new TreeSet<>();
        for (String year : ctx.queryParams(SearchRequest.YEAR)) {
            if (year.isEmpty()) {
                continue;
            }
            if (!YEAR.matcher(year).matches()) {
                note(problems, FILTERS, new BadRequest("'year' must be a year of four digits, such as 1950, not '"
                        + QueryParams.shorten(year) + "'"));
                continue;
            }
            if (years.contains(Integer.parseInt(year)) || !ticked.takesOneMore()) {
                continue;
            }
            years.add(Integer.parseInt(year));
            ticked.tick();
        }
        return years;
    }

    /** The order asked, or null for the default: relevance with words, newest first without. */
    private static SortOrder sort(Context ctx, Map<String, String> problems) {
        try {
            return QueryParams.choice(ctx, SearchRequest.SORT, null, SortOrder.choices(true), SortOrder::key,
                    SortOrder::label);
        } catch (BadRequest e) {
            note(problems, ORDER, e);
            return null;
        }
    }

    /** The facets whose values must all match; none when what is named cannot be one. */
    private static Set<Facet> all(Context ctx, Map<String, String> problems) {
        try {
            return all(ctx);
        } catch (BadRequest e) {
            note(problems, FILTERS, e);
            return Set.of();
        }
    }

    /**
     * The date filter: the years read (none when empty), a range and how it is met, or the undated
     * records only. A range that makes no sense is left out (the years kept); the undated records
     * asked for with a year or a range are left out, and the dates asked for kept, as the page
     * shows them typed and says how to see the undated records instead.
     */
    private static DateFilter dates(Context ctx, Map<String, String> problems, SortedSet<Integer> years) {
        Dated dated = null;
        try {
            dated = QueryParams.choice(ctx, SearchRequest.DATED, null, List.of(Dated.values()), Dated::key, Dated::label);
        } catch (BadRequest e) {
            note(problems, DATES, e);
        }
        DateFilter.Range range = null;
        try {
            DateBound from = bound(ctx, SearchRequest.FROM);
            DateBound to = bound(ctx, SearchRequest.TO);
            if (from != null && to != null && from.firstDay().isAfter(to.lastDay())) {
                throw new BadRequest("'from' (" + from.value() + ") is after 'to' (" + to.value() + ")");
            }
            range = DateFilter.Range.of(from, to, dated);
        } catch (BadRequest e) {
            note(problems, DATES, e);
        }
        boolean undated = false;
        try {
            undated = undatedOnly(ctx);
        } catch (BadRequest e) {
            note(problems, DATES, e);
        }
        DateFilter asked = DateFilter.of(years, range);
        if (undated && asked instanceof DateFilter.AnyDate) {
            return DateFilter.UNDATED;
        }
        if (undated) {
            note(problems, DATES, new BadRequest(SearchRequest.UNDATED_AND_DATES));
        }
        return asked;
    }

    /** The words, or null: given once, and no longer than a search takes. */
    private static String words(Context ctx) {
        String q = QueryParams.single(ctx, SearchRequest.TEXT);
        if (q != null && q.length() > SearchRequest.MAX_TEXT_LENGTH) {
            throw new BadRequest("'q' may be at most " + SearchRequest.MAX_TEXT_LENGTH + " characters long, not "
                    + String.format(Locale.ROOT, "%,d", q.length()));
        }
        return q;
    }

    /** Whether {@code undated=only} is asked; any other value of it is a 400 that says the one it takes. */
    private static boolean undatedOnly(Context ctx) {
        String typed = QueryParams.single(ctx, SearchRequest.UNDATED);
        if (typed == null || typed.isEmpty() || typed.equals(SearchRequest.UNDATED_ONLY)) {
            return typed != null && !typed.isEmpty();
        }
        throw new BadRequest("'undated' has one value, 'only' (undated=only: the records without a date), not '"
                + QueryParams.shorten(typed) + "'");
    }

    private static int pageSize(Context ctx, Map<String, String> problems) {
        try {
            return QueryParams.integer(ctx, SearchRequest.PAGE_SIZE, SearchRequest.DEFAULT_PAGE_SIZE, 1,
                    SearchRequest.MAX_PAGE_SIZE);
        } catch (BadRequest e) {
            note(problems, PAGE, e);
            return SearchRequest.DEFAULT_PAGE_SIZE;
        }
    }

    private static int page(Context ctx, Map<String, String> problems, int pageSize) {
        int lastPage = SearchRequest.MAX_WINDOW / pageSize;
        try {
            String pageValue = QueryParams.single(ctx, SearchRequest.PAGE);
            if (pageValue != null && pageValue.matches("[0-9]{1,9}") && Integer.parseInt(pageValue) > lastPage) {
                // Said without the search's hits, which are not counted yet: true of a search of 49 as of a million.
                throw new BadRequest("There is no page " + pageValue + ": a search can be paged through its first "
                        + String.format(Locale.ROOT, "%,d", SearchRequest.MAX_WINDOW) + " hits only, which at "
                        + pageSize + " a page is " + String.format(Locale.ROOT, "%,d", lastPage)
                        + " pages; to reach hits beyond them, narrow the search with words or filters");
            }
            return QueryParams.integer(ctx, SearchRequest.PAGE, 1, 1, lastPage);
        } catch (BadRequest e) {
            note(problems, PAGE, e);
            return 1;
        }
    }

    private static Set<Facet> all(Context ctx) {
        Set<Facet> all = EnumSet.noneOf(Facet.class);
        for (String name : ctx.queryParams(SearchRequest.ALL)) {
            if (name.isEmpty()) {
                continue;
            }
            Facet facet = Facet.fromKey(name).filter(SearchRequest.MULTI_VALUED::contains).orElseThrow(() -> new BadRequest(
                    "'all' names a filter whose values must all match, 'person', 'place' or 'language', not '"
                            + QueryParams.shorten(name) + "'" + (name.equals("type") ? ": a record has one type" : "")));
            all.add(facet);
        }
        return all;
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

    private static void note(Map<String, String> problems, String control, BadRequest problem) {
        if (problems == null) {
            throw problem;
        }
        problems.merge(control, problem.getMessage() + ".", (a, b) -> a + " " + b);
    }
}
