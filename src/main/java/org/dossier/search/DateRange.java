package org.dossier.search;

import java.time.LocalDate;

/**
 * Dates from {@code from} to {@code to}, both days included; either end may be open (null).
 * A record matches when the period its date can mean overlaps the range: a record dated only
 * "1950" is in a range that starts in June 1950, since it may well be from then.
 */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a date range needs at least one end");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the range starts (" + from + ") after it ends (" + to + ")");
        }
    }
}
