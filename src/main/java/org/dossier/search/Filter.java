package org.dossier.search;

/** The kinds of filter a request can carry; each can be lifted on its own (drill sideways). */
public enum Filter {
    TYPE,
    PERSON,
    PLACE,
    /** One or more years, any of them. */
    YEAR,
    /** A from/to range of dates. */
    DATES,
    AUTHOR,
    RECIPIENT;

    int bit() {
        return 1 << ordinal();
    }

    public static Filter of(Facet facet) {
        return switch (facet) {
            case TYPE -> TYPE;
            case PERSON -> PERSON;
            case PLACE -> PLACE;
            case AUTHOR -> AUTHOR;
            case RECIPIENT -> RECIPIENT;
        };
    }
}
