package org.dossier.search;

/** How many hits a facet value would have if it were ticked, the other filters staying as they are. */
public record FacetCount(String key, long count) {
}
