package org.dossier.documents;

import org.jooq.impl.AbstractConverter;

/** How much of a document's date is known. */
public enum DatePrecision implements Keyed {
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
        return Keyed.byKey(values(), key)
                .orElseThrow(() -> new IllegalArgumentException("unknown date precision '" + key + "'"));
    }

    /** The column form ({@code date_precision}: 'day', 'month', 'year'), applied by the code generator. */
    public static final class Stored extends AbstractConverter<String, DatePrecision> {

        public Stored() {
            super(String.class, DatePrecision.class);
        }

        @Override
        public DatePrecision from(String key) {
            return key == null ? null : fromKey(key);
        }

        @Override
        public String to(DatePrecision precision) {
            return precision == null ? null : precision.key();
        }
    }
}
