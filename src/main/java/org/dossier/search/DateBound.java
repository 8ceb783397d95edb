package org.dossier.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;

/**
 * One end of a date range as a URL gives it: a year ({@code 1950}), a month ({@code 1950-06}) or a
 * day ({@code 1950-06-25}), read as the {@link DocumentDate} it names. As a start it means its first
 * day, as an end its last. A date a reader types as the archive writes it ("June 1950", "25 June
 * 1950") is read too, and kept as ISO, so that every link of the page writes it one way.
 */
public record DateBound(String value, DocumentDate date) {

    private static final Pattern FORM = Pattern.compile("([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?");

    public DateBound {
        if (value == null || date == null) {
            throw new IllegalArgumentException("a date bound needs its text and its date");
        }
    }

    /**
     * @throws IllegalArgumentException with a reason a reader understands
     */
    public static DateBound parse(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            return written(value);
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            return new DateBound(value, DocumentDate.ofYear(year));
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("has no month " + m.group(2) + " (months are 01 to 12)");
        }
        if (m.group(3) == null) {
            return new DateBound(value, DocumentDate.ofMonth(year, month));
        }
        try {
            return new DateBound(value, DocumentDate.ofDay(year, month, Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("has no day " + m.group(3) + " ("
                    + DocumentDate.ofMonth(year, month).display() + " has " + YearMonth.of(year, month).lengthOfMonth()
                    + " days)");
        }
    }

    /** A bound written as the archive or a person writes a date ("June 1950", "25 June 1950"), as ISO. */
    private static DateBound written(String value) {
        if (!DocumentDate.looksLikeDate(value)) {
            throw new IllegalArgumentException("must be a year (1950), a month (1950-06 or June 1950) or a day "
                    + "(1950-06-25 or June 25, 1950)");
        }
        DocumentDate date;
        try {
            date = DocumentDate.parse(value);
        } catch (IllegalArgumentException notARealDay) {
            throw new IllegalArgumentException("must name a real day");
        }
        if (date.isSpan()) {
            // A span typed as one bound: which end was meant is not for the search to guess.
            throw new IllegalArgumentException("must be one date, not a span: put its start in 'from' and its end in 'to'");
        }
        return of(date);
    }

    /**
     * A date as a bound of its own precision: June 1950 as {@code 1950-06}. A bound is certain:
     * "ca. 1950" typed as one is the year 1950, as a record dated so is found by it.
     */
    public static DateBound of(DocumentDate written) {
        DocumentDate date = new DocumentDate(written.earliest(), written.precision());
        LocalDate day = date.earliest();
        return switch (date.precision()) {
            case YEAR -> year(day.getYear());
            case MONTH -> new DateBound(String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue()), date);
            case DAY -> new DateBound(day.toString(), date);
        };
    }

    /** A whole year, as {@link #parse} reads {@code 0950} or {@code 1950}; a page builds a hundred of them. */
    public static DateBound year(int year) {
        if (year < 0 || year > 9_999) {
            throw new IllegalArgumentException("must be a year of four digits, not " + year);
        }
        String value = year >= 1_000 ? Integer.toString(year) : String.format(Locale.ROOT, "%04d", year);
        return new DateBound(value, DocumentDate.ofYear(year));
    }

    public LocalDate firstDay() {
        return date.earliest();
    }

    public LocalDate lastDay() {
        return date.latest();
    }

    public boolean isYear() {
        return date.precision() == DatePrecision.YEAR;
    }

    /** "1950", "June 1950" or "June 25, 1950", as a record's date is written. */
    public String display() {
        return date.display();
    }
}
