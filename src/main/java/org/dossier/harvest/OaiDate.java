package org.dossier.harvest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A from or until argument, to the day or to the second (the repository's granularity), as the
 * range of datestamps it covers (instants in UTC, to the second).
 *
 * @param start the first datestamp the argument covers
 * @param end the last datestamp it covers: the last second of the day for a day
 */
record OaiDate(Instant start, Instant end, boolean dayOnly) {

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:[0-5]\\dZ");
    /**
     * The year 0000, which java.time reads but XML Schema's date and dateTime do not have: the
     * response echoes the argument as one of them (the schema's UTCdatetimeType), and the echo
     * would make the whole response invalid. So would a leap second ("23:59:60Z"), which the
     * pattern above leaves out and java.time would read as the second before it.
     */
    private static final String NO_YEAR = "0000";

    static OaiDate parse(String name, String value) throws OaiError {
        try {
            if (value.startsWith(NO_YEAR) && (DAY.matcher(value).matches() || SECOND.matcher(value).matches())) {
                throw OaiError.badArgument(name + " is in the year 0000, which XML Schema's dates do not have: "
                        + "their first year is 0001.");
            }
            if (DAY.matcher(value).matches()) {
                LocalDate.parse(value);
                return new OaiDate(Instant.parse(value + "T00:00:00Z"), Instant.parse(value + "T23:59:59Z"), true);
            }
            if (SECOND.matcher(value).matches()) {
                Instant second = Instant.parse(value);
                return new OaiDate(second, second, false);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw OaiError.badArgument(name + " must be a date (YYYY-MM-DD) or a time in UTC (YYYY-MM-DDThh:mm:ssZ), not '"
                + value + "'.");
    }
}
