package org.dossier.about;

import java.util.List;
import java.util.Map;
import org.dossier.authorities.AuthorityKind;
import org.dossier.catalogue.FacetValuesPage;
import org.dossier.catalogue.SearchLinks;
import org.dossier.search.DateBound;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.search.SortOrder;

/**
 * What the catalogue holds, as {@code /about} says it: counted by the search engine in one search of
 * everything with no page of hits, the search a bare {@code /search} makes, answered from the
 * index snapshot's memory after its first asking (no scan of the records per request at a
 * million), and so in the very numbers a reader then finds by following its links.
 *
 * @param records   the records readers can find (withdrawn ones are not)
 * @param people    the people named in at least one of them, as the person facet lists them
 * @param places    the places likewise
 * @param types     the types of document likewise
 * @param firstYear the earliest year a dated record may fall in; null when no record has a date
 * @param lastYear  the latest (a span's end counts), null likewise
 * @param undated   the records that bear no date
 */
public record Holdings(long records, long people, long places, long types, Integer firstYear, Integer lastYear,
                       long undated) {

    /** Everything, counts only: the holdings are counted from its answer. */
    public static final SearchRequest SEARCH = SearchRequest.everything(0);

    public Holdings {
        if (records < 0 || people < 0 || places < 0 || types < 0 || undated < 0 || undated > records) {
            throw new IllegalArgumentException("counts are from 0 and the undated records among the records: "
                    + records + " records, " + undated + " undated");
        }
        if ((firstYear == null) != (lastYear == null) || firstYear != null && firstYear > lastYear) {
            throw new IllegalArgumentException("a span of years has a first and a last year, in order: "
                    + firstYear + " to " + lastYear);
        }
    }

    /** From the answer to {@link #SEARCH}: its total, its facets' values and its histogram of years. */
    public static Holdings of(SearchResults everything) {
        // Every year with a record, a span counted under each year it covers: the histogram's years.
        List<Integer> years = everything.yearsAnyDate().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey).sorted().toList();
        Integer first = years.isEmpty() ? null : years.get(0);
        Integer last = years.isEmpty() ? null : years.get(years.size() - 1);
        return new Holdings(everything.total(), everything.facet(Facet.PERSON).size(), everything.facet(Facet.PLACE).size(),
                everything.facet(Facet.TYPE).size(), first, last, everything.undated());
    }

    public long dated() {
        return records - undated;
    }

    public boolean hasDates() {
        return firstYear != null;
    }

    /** The dated records from the first year to the last, oldest first: every one of {@link #dated()}. */
    public String datedHref() {
        return SearchLinks.search(SearchRequest.everything(SearchRequest.DEFAULT_PAGE_SIZE)
                .between(DateBound.year(firstYear), DateBound.year(lastYear))
                .sortedBy(SortOrder.DATE_OLDEST));
    }

    /** Every person named, by name with how many records name each (the person facet's page). */
    public String peopleHref() {
        return "/" + AuthorityKind.PERSON.plural();
    }

    public String placesHref() {
        return "/" + AuthorityKind.PLACE.plural();
    }

    /** Every type, with how many records of each. */
    public String typesHref() {
        return FacetValuesPage.PATH + Facet.TYPE.key();
    }

    /** The undated records alone, as the date facet's "Undated" choice finds them. */
    public String undatedHref() {
        return SearchLinks.search(SearchRequest.everything(SearchRequest.DEFAULT_PAGE_SIZE).undatedOnly(true));
    }
}
