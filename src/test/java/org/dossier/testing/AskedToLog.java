package org.dossier.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the loggers named {@code logger} (and those below it) are asked to log, at any level, whether
 * or not their level lets it through, counted as it is asked: a test waits for a background task's
 * quiet rounds (which {@code RoundFailures} says at DEBUG) or a ZooKeeper client's attempts to
 * reconnect (INFO, below the ERROR its logger is held at) rather than sleeping for a few of them,
 * and raises no logger's level, which is one for the whole JVM: SolrFeedTest raises
 * SolrSearchEngine's to INFO in four tests and sets it back, which would silence a test of another
 * class reading that logger's DEBUG lines meanwhile. Logback asks its turbo filters before it looks
 * at a logger's level; this one only counts, and logs nothing that would not be logged without it.
 */
public final class AskedToLog extends TurboFilter implements AutoCloseable {

    private final String logger;
    private final List<String> asked = new ArrayList<>();

    private AskedToLog(String logger) {
        this.logger = logger;
    }

    /** Counts what {@code logger} and the loggers below it are asked to log from now until closed. */
    public static AskedToLog by(String logger) {
        AskedToLog counting = new AskedToLog(logger);
        counting.start();
        context().addTurboFilter(counting);
        return counting;
    }

    /** As {@link #by(String)}, the logger of {@code type}. */
    public static AskedToLog by(Class<?> type) {
        return by(type.getName());
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    @Override
    public FilterReply decide(Marker marker, Logger from, Level level, String format, Object[] params, Throwable t) {
        if (format != null && (from.getName().equals(logger) || from.getName().startsWith(logger + "."))) {
            String message = MessageFormatter.arrayFormat(format, params).getMessage();
            synchronized (asked) {
                asked.add(level + " " + message);
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** How many messages asked so far, as "LEVEL message", hold every one of {@code words}. */
    public int count(String... words) {
        synchronized (asked) {
            return (int) asked.stream().filter(message -> java.util.Arrays.stream(words).allMatch(message::contains)).count();
        }
    }

    /**
     * Waits until {@code times} messages asked since {@code from} (a {@link #count} taken before)
     * hold every one of {@code words}; fails, naming what was asked, after {@code bound}.
     */
    public void await(int from, int times, Duration bound, String... words) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (count(words) - from < times) {
            if (System.nanoTime() - deadline > 0) {
                synchronized (asked) {
                    throw new AssertionError("asked to log " + java.util.Arrays.toString(words) + " " + (count(words) - from)
                            + " times, not " + times + ", in " + bound.toSeconds() + " s: " + asked);
                }
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        context().getTurboFilterList().remove(this);
        stop();
    }
}
