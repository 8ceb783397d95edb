package org.dossier.search;

/**
 * The kinds of filter a request can carry; each can be lifted on its own (drill sideways). Six
 * are the facets, each filtering by its own values; the years, the date range and the undated
 * records filter by date.
 */
public enum Filter {
    TYPE(Facet.TYPE),
    PERSON(Facet.PERSON),
    PLACE(Facet.PLACE),
    /** One or more years, any of them. */
    YEAR(null),
    /** A from/to range of dates. */
    DATES(null),
    AUTHOR(Facet.AUTHOR),
    RECIPIENT(Facet.RECIPIENT),
    LANGUAGE(Facet.LANGUAGE),
    /** The records without a date only (never with years or a range). */
    UNDATED(null);

    /** By facet ordinal: looked up for every facet value of every segment a count reads. */
    private static final Filter[] BY_FACET = new Filter[Facet.values().length];

    static {
        for (Filter filter : values()) {
            if (filter.facet != null) {
                BY_FACET[filter.facet.ordinal()] = filter;
            }
        }
    }

    private final Facet facet;

    Filter(Facet facet) {
        this.facet = facet;
    }

    /** The facet whose values this filter ticks; null for the years, the date range and the undated records. */
    public Facet facet() {
        return facet;
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The filter by a facet's values. */
    public static Filter of(Facet facet) {
        return BY_FACET[facet.ordinal()];
    }
}
