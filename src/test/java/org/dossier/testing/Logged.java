package org.dossier.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;

/**
 * What a test's {@link ListAppender} caught, read and cleared under the appender's own lock, which
 * each line is appended under. The nodes' threads (and other test classes' nodes, logging through
 * the same loggers in this JVM) append while a test reads: a stream over the bare list could end in
 * a ConcurrentModificationException, or a copy of it catch a half-grown array.
 */
public final class Logged {

    private Logged() {
    }

    /** The lines caught so far, as they stood at one moment. */
    public static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Forgets the lines caught so far. */
    public static void clear(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            appender.list.clear();
        }
    }
}
