package org.dossier.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a date range as a URL gives it: a year ({@code 1950}) or a month ({@code 1950-06}).
 * As a start it means its first day, as an end its last.
 */
public record DateBound(String value, YearMonth first, YearMonth last) {

    private static final Pattern FORM = Pattern.compile("([0-9]{4})(?:-([0-9]{2}))?");

    /**
     * @throws IllegalArgumentException with a reason a reader understands
     */
    public static DateBound parse(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a year (1950) or a year and month (1950-06)");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            return new DateBound(value, YearMonth.of(year, 1), YearMonth.of(year, 12));
        }
        try {
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
            return new DateBound(value, month, month);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("has no month " + m.group(2) + " (months are 01 to 12)");
        }
    }

    /** A whole year, as {@link #parse} reads {@code 0950} or {@code 1950}; a page builds a hundred of them. */
    public static DateBound year(int year) {
        if (year < 0 || year > 9_999) {
            throw new IllegalArgumentException("must be a year of four digits, not " + year);
        }
        String value = year >= 1_000 ? Integer.toString(year) : String.format(Locale.ROOT, "%04d", year);
        return new DateBound(value, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    public LocalDate firstDay() {
        return first.atDay(1);
    }

    public LocalDate lastDay() {
        return last.atEndOfMonth();
    }

    public boolean isYear() {
        return !first.equals(last);
    }

    /** "1950" or "June 1950". */
    public String display() {
        return isYear() ? String.valueOf(first.getYear())
                : first.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + first.getYear();
    }
}
