package org.dossier.search;

/**
 * What a snapshot keeps under a search's words ({@link Snapshot}'s store of counts): the counts a pass
 * took, or the words' rows by span of years that any range of whole years is summed from. One store,
 * so that both are weighed against one share of {@code --kept-answers}.
 */
sealed interface KeptCounts permits FacetCounter.Counts, YearRows {

    /** About what it takes on the heap, in bytes. */
    int weight();
}
