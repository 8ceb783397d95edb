package org.dossier.documents;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One end of a document's date as precisely as it is known: a day, a month or a year, kept as the
 * earliest day it can mean and its precision. A single date is one of these; a span ("1961–1962",
 * "March–April 1962") is two, each with its own precision.
 */
public record DatePoint(LocalDate earliest, DatePrecision precision) implements Comparable<DatePoint> {

    public DatePoint {
        if (earliest == null || precision == null) {
            throw new IllegalArgumentException("a date needs a day and a precision");
        }
        if (precision != DatePrecision.DAY && earliest.getDayOfMonth() != 1
                || precision == DatePrecision.YEAR && earliest.getMonthValue() != 1) {
            throw new IllegalArgumentException(
                    "a " + precision.key() + "-precise date must start on the first day of its "
                            + precision.key() + ", not " + earliest);
        }
    }

    /** Rebuilds a point from its stored form: the key ('1942-02-01') and its precision. */
    public static DatePoint fromStored(String key, DatePrecision precision) {
        return new DatePoint(LocalDate.parse(key), precision);
    }

    /** The sortable key stored in the database: the earliest day, as ISO. */
    public String key() {
        return earliest.toString();
    }

    public int year() {
        return earliest.getYear();
    }

    /** The last day this point can mean: the day, the month's last, the year's last. */
    public LocalDate latest() {
        return switch (precision) {
            case DAY -> earliest;
            case MONTH -> YearMonth.from(earliest).atEndOfMonth();
            case YEAR -> earliest.withMonth(12).withDayOfMonth(31);
        };
    }

    /** "May 10, 1943", "February 1942", "1950". */
    public String exactly() {
        String month = monthName();
        return switch (precision) {
            case DAY -> month + " " + earliest.getDayOfMonth() + ", " + earliest.getYear();
            case MONTH -> month + " " + earliest.getYear();
            case YEAR -> String.valueOf(earliest.getYear());
        };
    }

    /** The month's English name: "February". */
    public String monthName() {
        return earliest.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** ISO 8601 reduced to the known precision: "1943-05-10", "1942-02", "1950". */
    public String iso() {
        return switch (precision) {
            case DAY -> earliest.toString();
            case MONTH -> YearMonth.from(earliest).toString();
            case YEAR -> String.format("%04d", earliest.getYear());
        };
    }

    /**
     * Whether this point can end a span that {@code start} begins: it begins after the start begins
     * and ends after the start ends, so the span is longer than its start ("1961–1962", not
     * "1962–1961", "1961–1961" or "1961–March 1961").
     */
    public boolean canEnd(DatePoint start) {
        return earliest.isAfter(start.earliest) && latest().isAfter(start.latest());
    }

    @Override
    public int compareTo(DatePoint other) {
        int byDay = earliest.compareTo(other.earliest);
        return byDay != 0 ? byDay : precision.compareTo(other.precision);
    }
}
