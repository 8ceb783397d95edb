package org.dossier.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a write waits for another process writing to the same SQLite file (an import, a backup, a
 * {@code sqlite3} shell) before it gives up and says so, or on PostgreSQL for another transaction's
 * locks: {@code --write-wait} of {@code serve} and of every command that opens a catalogue, given as
 * a number and its unit ({@code 500ms}, {@code 5s}, {@code 2m}). A node waits a few seconds, so
 * that an editor's save beside an import gets a clear answer rather than a page that hangs; a
 * command, run by hand or by a script, waits longer. A start that finds the file held waits this
 * long in all, its first reads included, and then says so naming it.
 *
 * @param duration more than nothing
 */
public record WriteWait(Duration duration) {

    public static final String OPTION = "--write-wait";
    /** A node's writes: an editor is told after this. */
    public static final WriteWait SERVER = new WriteWait(Duration.ofSeconds(5));
    /** A command's (an import's, a relink's, a migration's). */
    public static final WriteWait COMMAND = new WriteWait(Duration.ofSeconds(30));

    private static final Pattern WRITTEN = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

    public WriteWait {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(OPTION + " must be more than nothing, not " + duration);
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}; a bare number is refused, as it would leave the unit to be guessed. */
    public static WriteWait parse(String text) {
        Matcher written = WRITTEN.matcher(text == null ? "" : text.strip());
        if (!written.matches() || Long.parseLong(written.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a wait: give a number, more than 0, and its "
                    + "unit, such as 500ms, 5s or 2m");
        }
        long amount = Long.parseLong(written.group(1));
        return new WriteWait(switch (written.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        });
    }

    /** As it is said in the log and in a refusal: {@code 5 s}, {@code 500 ms}. */
    @Override
    public String toString() {
        return said(duration);
    }

    /** {@code wait} said as a write wait is: whole seconds as {@code 5 s}, anything else in milliseconds. */
    static String said(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    /** Lets picocli read {@code --write-wait}: a refused value is a usage error (exit 2) that names the option. */
    public static final class Converter extends RefusalConverter<WriteWait> {
        public Converter() {
            super(WriteWait::parse);
        }
    }
}
