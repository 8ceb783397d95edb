package org.dossier.catalogue;

import org.dossier.web.Pagination;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.search.DateFilter;
import org.dossier.search.Dated;
import org.dossier.search.Facet;
import org.dossier.search.Filter;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;

/**
 * What a search page says in words about how its search was read: for each facet with two or
 * more values ticked, whether a record needs any of them or all of them (with the link that
 * switches); "Did you mean" when the words find few records and a respelling finds more; and on a
 * page with nothing found, which filter or the words to drop, with how many records each leads to;
 * for a date range that starts or ends inside a year, how many records dated less exactly it keeps
 * or leaves out (see {@link Dated}); and a date typed among the words, offered as a range
 * ({@link DateInWords}). The facets' names are here too.
 */
public record SearchWording(List<FacetLogic> facetLogic, DatedLogic dated, DidYouMean didYouMean,
                            DateOffer dateOffer, List<Suggestion> suggestions) {

    /**
     * @param mode        "any of" or "all of"
     * @param labels      the names of the values ticked, in URL order
     * @param switchText  what the switch does ("Require all of them", "Any of them is enough")
     */
    public record FacetLogic(String facet, String mode, List<String> labels, String switchHref, String switchText) {

        /**
         * What the page writes before the name at {@code index}: nothing, ", ", or " or " / " and "
         * before the last ("A, B or C"). The page sets each name apart ({@code dir="auto"}): two names
         * written right to left with ", " between them were shown in each other's place.
         */
        public String before(int index) {
            if (index == 0) {
                return "";
            }
            return index < labels.size() - 1 ? ", " : mode.equals("all of") ? " and " : " or ";
        }
    }

    /**
     * How a date range was met, where the other way finds other records: what this search did with
     * the records dated less exactly than the range (only to a month or a year it takes in part),
     * and the link that does the other (null when it would find nothing).
     */
    public record DatedLogic(String text, String switchHref, String switchText) {
    }

    /**
     * A date typed among the words, offered as a range: "Looking for records dated June 1950?" with
     * the link that searches the other words so dated, and how many records it finds; or the words
     * of no date, offered as the undated records ("Looking for undated records?").
     */
    public record DateOffer(String date, boolean undated, String linkText, long count, String href) {

        public String countText() {
            return Pagination.number(count) + (count == 1 ? " record" : " records");
        }
    }

    /** A respelt search: its words and the link that searches them, with the same filters. */
    public record DidYouMean(String text, String href) {
    }

    /** A way out of an empty page, with how many records it leads to. */
    public record Suggestion(String text, long count, String href) {
    }

    public SearchWording {
        facetLogic = List.copyOf(facetLogic);
        suggestions = List.copyOf(suggestions);
    }

    public static SearchWording of(SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        List<FacetLogic> logic = new ArrayList<>();
        for (Facet facet : SearchRequest.MULTI_VALUED) {
            List<String> keys = request.selected(facet);
            if (keys.size() < 2) {
                continue;
            }
            List<String> labels = keys.stream().map(k -> outcome.labels().of(facet, k).name()).toList();
            String plural = plural(facet);
            String title = Character.toUpperCase(plural.charAt(0)) + plural.substring(1);
            logic.add(request.requiresAll(facet)
                    ? new FacetLogic(title, "all of", labels, SearchLinks.search(request.requiringAll(facet, false)),
                            "Any of them is enough")
                    : new FacetLogic(title, "any of", labels, SearchLinks.search(request.requiringAll(facet, true)),
                            "Require all of them"));
        }
        logic.sort(Comparator.comparing(FacetLogic::facet));
        String suggestion = outcome.results().suggestion();
        return new SearchWording(logic, dated(outcome),
                suggestion == null ? null : new DidYouMean(suggestion, SearchLinks.search(request.withText(suggestion))),
                dateOffer(outcome), suggestions(outcome));
    }

    /** Null when no date was typed among the words, or its search finds nothing. */
    private static DateOffer dateOffer(SearchOutcome outcome) {
        DateInWords found = outcome.dateInWords();
        if (found == null || outcome.datedInstead() <= 0) {
            return null;
        }
        String date = found.display();
        String words = found.rest().isEmpty() ? null : "\u201c" + found.rest() + "\u201d";
        String linkText = found.undated() ? (words == null ? "Every undated record" : words + ", undated")
                : (words == null ? "Every record" : words + ",") + " dated " + date;
        return new DateOffer(date, found.undated(), linkText, outcome.datedInstead(), SearchLinks.search(found.instead()));
    }

    /** Null when the range's other way of being met finds the same records, or was not asked. */
    private static DatedLogic dated(SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        long total = outcome.results().total();
        long other = outcome.otherDated();
        if (other < 0 || other == total) {
            return null;
        }
        String href = SearchLinks.search(request.withDatedTheOtherWay());
        String lessExactly = "dated only to a month or a year the range takes in part";
        if (request.dates().whollyWithin()) {
            long more = other - total;
            return new DatedLogic("Dates: only records dated wholly within the range; " + Pagination.number(more)
                    + (more == 1 ? " more record, " : " more records, ") + lessExactly + ", may fall in it.", href,
                    "Include " + (more == 1 ? "it" : "them"));
        }
        long less = total - other;
        String these = less == total ? (less == 1 ? "This record is " : "All " + Pagination.number(less) + " records are ")
                : Pagination.number(less) + " of these records " + (less == 1 ? "is " : "are ");
        return new DatedLogic("Dates: " + these + lessExactly + ": " + (less == 1 ? "it" : "they")
                + " may fall outside it.", other == 0 ? null : href,
                other == 0 ? null : "Only the " + Pagination.number(other) + " dated wholly within");
    }

    public boolean hasSuggestions() {
        return !suggestions.isEmpty();
    }

    /** A facet's name as a heading and in a chip. */
    static String title(Facet facet) {
        return switch (facet) {
            case TYPE -> "Type";
            case PERSON -> "Person";
            case PLACE -> "Place";
            // Not "From"/"To": those name the date range.
            case AUTHOR -> "Written by";
            case RECIPIENT -> "Sent to";
            case LANGUAGE -> "Language";
        };
    }

    /**
     * What a reader should know of a facet's counts, said under it; null when nothing. Languages
     * are said by editors record by record, and a record no one has described yet counts under
     * none: a reader who ticks Russian should know that a Russian document not yet described is
     * not among the hits.
     */
    static String note(Facet facet) {
        return facet == Facet.LANGUAGE ? "Only records whose languages have been recorded are counted." : null;
    }

    /** What one of a facet's values is called: "every author", where its heading says "Written by". */
    static String singular(Facet facet) {
        return switch (facet) {
            case TYPE -> "type";
            case PERSON -> "person";
            case PLACE -> "place";
            case AUTHOR -> "author";
            case RECIPIENT -> "recipient";
            case LANGUAGE -> "language";
        };
    }

    /** What a facet's values are called: "every person" is "all people". */
    static String plural(Facet facet) {
        return switch (facet) {
            case TYPE -> "types";
            case PERSON -> "people";
            case PLACE -> "places";
            case AUTHOR -> "authors";
            case RECIPIENT -> "recipients";
            case LANGUAGE -> "languages";
        };
    }

    private static List<Suggestion> suggestions(SearchOutcome outcome) {
        SearchResults results = outcome.results();
        List<Suggestion> suggestions = new ArrayList<>();
        if (results.total() > 0) {
            return suggestions;
        }
        SearchRequest request = outcome.request();
        for (Map.Entry<Filter, Long> without : results.without().entrySet()) {
            if (without.getValue() > 0) {
                suggestions.add(new Suggestion("Remove " + describe(without.getKey(), outcome), without.getValue(),
                        SearchLinks.search(request.without(without.getKey()))));
            }
        }
        if (outcome.wordsAlone() > 0) {
            suggestions.add(new Suggestion("Keep the words, remove every filter", outcome.wordsAlone(),
                    SearchLinks.search(request.withoutFilters())));
        }
        if (outcome.filtersAlone() > 0) {
            suggestions.add(new Suggestion("Keep the filters, remove the words", outcome.filtersAlone(),
                    SearchLinks.search(request.withoutText())));
        }
        return suggestions;
    }

    /** "from 1950 to June 1953, dated wholly within". */
    private static String range(DateFilter.Range range) {
        return (range.from() == null ? "" : "from " + range.from().display())
                + (range.from() != null && range.to() != null ? " " : "")
                + (range.to() == null ? "" : "to " + range.to().display())
                + (range.how() == Dated.WITHIN ? ", dated wholly within" : "");
    }

    private static String describe(Filter filter, SearchOutcome outcome) {
        SearchRequest request = outcome.request();
        Facet facet = filter.facet();
        if (facet != null) {
            List<String> names = request.selected(facet).stream()
                    .map(key -> outcome.labels().of(facet, key).name()).toList();
            return title(facet).toLowerCase(Locale.ROOT) + ": " + String.join(" or ", names);
        }
        return switch (filter) {
            case YEAR -> "year: " + String.join(" or ", request.dates().years().stream().map(String::valueOf).toList());
            case DATES -> "dates: " + range(request.dates().range());
            case UNDATED -> "date: undated only";
            default -> throw new IllegalStateException("a filter by facet has its facet: " + filter);
        };
    }
}
