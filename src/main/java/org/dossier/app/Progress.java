package org.dossier.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how a long command is getting on. On a terminal it redraws one line (count, rate, time
 * left) a few times a second; elsewhere (a log, CI) it writes that line once a minute, so that an
 * operator following the log of an hour's copy or import sees it getting on, then the one summary
 * line.
 */
public final class Progress {

    private static final long REDRAW_NANOS = 250_000_000L;
    /** Off a terminal: a line a minute, which a log keeps; a command done sooner writes only its summary. */
    static final long LOG_LINE_NANOS = 60_000_000_000L;

    private final String what;
    private long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long started;
    private long lastDrawn;
    private long done;

    public Progress(String what, long total, PrintStream out, boolean terminal) {
        this(what, total, out, terminal, System::nanoTime);
    }

    Progress(String what, long total, PrintStream out, boolean terminal, LongSupplier clock) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastDrawn = started;
    }

    public static Progress onConsole(String what, long total) {
        return new Progress(what, total, System.err, errorIsATerminal());
    }

    /**
     * Whether standard error, where progress goes, is a terminal. {@code System.console()} asks it of
     * standard input and output: {@code copy … 2> copy.log} typed at a terminal was taken for one, and
     * wrote into the log a line redrawn with carriage returns and no line ends, rather than a line a
     * minute. On Linux the descriptor's target says; elsewhere the console is the best guess.
     */
    static boolean errorIsATerminal() {
        Path error = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(error).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    public void advanceTo(long count) {
        advanceTo(count, total);
    }

    public void advanceTo(long count, long newTotal) {
        done = count;
        total = newTotal;
        long now = clock.getAsLong();
        if (terminal && now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            out.print("\r" + line(now) + "   ");
            out.flush();
        } else if (!terminal && now - lastDrawn >= LOG_LINE_NANOS) {
            lastDrawn = now;
            out.println(line(now));
            out.flush();
        }
    }

    /** Ends the display with a summary line, on a terminal and off it. */
    public void finish(String summary) {
        long elapsedNanos = clock.getAsLong() - started;
        if (terminal) {
            out.print("\r" + " ".repeat(78) + "\r");
        }
        out.println(summary + " in " + seconds(elapsedNanos) + " (" + rate(done, elapsedNanos) + " " + what + "/s)");
        out.flush();
    }

    String line(long now) {
        long elapsed = Math.max(1, now - started);
        StringBuilder line = new StringBuilder().append(what).append(": ").append(done);
        if (total > 0) {
            line.append(" of ").append(total)
                    .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
        }
        line.append(", ").append(rate(done, elapsed)).append("/s");
        if (total > 0 && done > 0) {
            long left = (long) ((double) elapsed / done * (total - done));
            line.append(", ").append(seconds(left)).append(" left");
        }
        return line.toString();
    }

    private static String rate(long count, long nanos) {
        double perSecond = count / Math.max(1e-9, nanos / 1e9);
        // Under one a second (a small import beside a busy server), a whole number would say "0/s" of work done.
        return String.format(Locale.ROOT, count > 0 && perSecond < 1 ? "%.1f" : "%,.0f", perSecond);
    }

    private static String seconds(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
                : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
