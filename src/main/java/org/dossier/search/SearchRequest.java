package org.dossier.search;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A question to the catalogue: words (may be empty), filters, an order and a page of hits.
 * Values within one facet combine with OR ("any of"), unless the facet is in {@code requireAll}
 * ("all of": a record must have every value ticked); different filters combine with AND.
 *
 * @param text     what the reader typed, in the engine's query syntax; blank for none
 * @param selected for each facet, the keys of the values ticked; a facet with none is absent
 * @param years    years ticked (OR); empty for none
 * @param dates    a from/to range, or null
 * @param requireAll the facets whose ticked values must all be there, not just any of them
 */
public record SearchRequest(String text, Map<Facet, Set<String>> selected, SortedSet<Integer> years,
                            DateRange dates, SearchOrder order, int offset, int limit, Set<Facet> requireAll) {

    /** Deeper pages are not served: a reader who needs them should narrow the search. */
    public static final int MAX_WINDOW = 10_000;

    public SearchRequest {
        text = text == null ? "" : text.strip();
        EnumMap<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
        selected.forEach((facet, keys) -> {
            if (!keys.isEmpty()) {
                copy.put(facet, Set.copyOf(keys));
            }
        });
        selected = Collections.unmodifiableMap(copy);
        years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
        requireAll = requireAll == null || requireAll.isEmpty() ? Set.of() : Set.copyOf(requireAll);
        if (order == null) {
            throw new IllegalArgumentException("a request needs an order");
        }
        if (offset < 0 || limit < 0 || (long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException("hits " + offset + " to " + (offset + limit) + " are beyond the first "
                    + MAX_WINDOW);
        }
    }

    /** Values of one facet combine with OR: any of them. */
    public SearchRequest(String text, Map<Facet, Set<String>> selected, SortedSet<Integer> years, DateRange dates,
                         SearchOrder order, int offset, int limit) {
        this(text, selected, years, dates, order, offset, limit, Set.of());
    }

    /** Whether a record must have all values ticked in {@code facet}, not just one. */
    public boolean requiresAll(Facet facet) {
        return requireAll.contains(facet) && selected(facet).size() > 1;
    }

    /** Everything, newest first. */
    public static SearchRequest everything(int limit) {
        return new SearchRequest("", Map.of(), new TreeSet<>(), null, SearchOrder.DATE_NEWEST, 0, limit);
    }

    public boolean hasText() {
        return !text.isEmpty();
    }

    public Set<String> selected(Facet facet) {
        return selected.getOrDefault(facet, Set.of());
    }

    /** The filters this request carries. */
    public Set<Filter> activeFilters() {
        Set<Filter> active = java.util.EnumSet.noneOf(Filter.class);
        selected.keySet().forEach(f -> active.add(Filter.of(f)));
        if (!years.isEmpty()) {
            active.add(Filter.YEAR);
        }
        if (dates != null) {
            active.add(Filter.DATES);
        }
        return active;
    }
}
