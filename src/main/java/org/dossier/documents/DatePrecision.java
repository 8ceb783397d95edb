package org.dossier.documents;

import java.util.Arrays;

/** How much of a document's date is known. */
public enum DatePrecision {
    DAY("day"),
    MONTH("month"),
    YEAR("year");

    private final String key;

    DatePrecision(String key) {
        this.key = key;
    }

    /** The form stored in the database and used in URLs and JSON. */
    public String key() {
        return key;
    }

    public static DatePrecision fromKey(String key) {
        return Arrays.stream(values())
                .filter(p -> p.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown date precision '" + key + "'"));
    }
}
