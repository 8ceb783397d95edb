package org.dossier.search;

import org.dossier.documents.Keyed;

/**
 * How a record's date must meet a date range ({@code ?dated=within}). A record's date is a day, a
 * month or only a year: "1950" means some day of that year. Whether it belongs to June 1950 depends
 * on what the reader wants: every record that may fall in the range (the default, so that nothing
 * possibly relevant is hidden), or only those known to fall in it. The two differ only for a range
 * that starts or ends within a year: a range of whole years holds a record's whole year or none of it.
 */
public enum Dated implements Keyed {
    /** Its period overlaps the range: it may fall in it. "1950" is in June 1950. */
    MAY_FALL_IN("may-fall-in", "Records that may fall in the range"),
    /** Its whole period is inside the range: every day the date can mean. "1950" is not in June 1950. */
    WITHIN("within", "Only records dated wholly within");

    private final String key;
    private final String label;

    Dated(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** In the words of the date filter's box, which offers {@link #WITHIN} (the other is the box left empty). */
    public String label() {
        return label;
    }

    /** Its value in URLs ({@code ?dated=within}), named key as every enum names its URL value. */
    public String key() {
        return key;
    }

    /** The other way of meeting a range: the switch between them. */
    public Dated other() {
        return this == WITHIN ? MAY_FALL_IN : WITHIN;
    }

    public static Dated fromKey(String key) {
        return Keyed.byKey(values(), key)
                .orElseThrow(() -> new IllegalArgumentException("unknown 'dated' '" + key + "'"));
    }
}
