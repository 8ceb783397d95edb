package org.dossier.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written: {@code text} for people ({@link LogSetup}'s pattern), or {@code json}, one
 * JSON object a line for a log collector (logback's own JSON encoder: level, logger, thread,
 * message, the access log's fields as key-value pairs, and any exception).
 */
public enum LogFormat {
    text, json;

    /**
     * Writes what the log still holds (the access log's queue) and closes it: the last thing a
     * stopping server does, once the stop has said everything it had to.
     */
    public static void close() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /** Switches every console appender of the root logger and of the access log to this format. */
    public void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(context);
        }
    }

    void apply(LoggerContext context) {
        if (this == text) {
            return;
        }
        switchAll(context, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        switchAll(context, context.getLogger(RequestLog.LOGGER));
    }

    /** The output appenders of {@code attached}, and of the appenders it hands its lines to (the access log's queue). */
    private static void switchAll(LoggerContext context, AppenderAttachable<ILoggingEvent> attached) {
        for (Iterator<Appender<ILoggingEvent>> it = attached.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> next = it.next();
            if (next instanceof AppenderAttachable<?> inner) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> queued = (AppenderAttachable<ILoggingEvent>) inner;
                switchAll(context, queued);
            }
            if (next instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonEncoder encoder = new JsonEncoder();
                encoder.setContext(context);
                encoder.setWithSequenceNumber(false);
                encoder.setWithNanoseconds(false);
                encoder.setWithContext(false);
                encoder.setWithArguments(false);
                encoder.setWithFormattedMessage(true);
                encoder.setWithMessage(false);
                encoder.start();
                // Swapped in place: stopping the appender would close its stream. This runs once, at
                // start, before the server logs anything from another thread.
                appender.setEncoder(encoder);
            }
        }
    }
}
