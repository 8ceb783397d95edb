package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.Map;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

// Same on every database: the log's configuration, no database.
@SameOnEveryDatabase
class LogSetupTest {

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    @Test
    void logbackSetsItselfUpFromTheAppsCodeWithoutReadingAnXmlFile() throws Exception {
        LoggerContext context = context();
        try {
            new ContextInitializer(context).autoConfig(getClass().getClassLoader());
            List<String> said = context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).toList();
            assertTrue(said.stream().anyMatch(s -> s.contains(LogSetup.class.getName())), said.toString());
            assertFalse(said.stream().anyMatch(s -> s.contains(".xml")), said.toString());
            assertInstanceOf(ConsoleAppender.class, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console"));
        } finally {
            context.stop();
        }
    }

    @Test
    void commandsLogToTheTargetAndAtTheLevelTheyAreGivenAndTheAccessLogThroughItsQueueToStandardOutput() {
        LoggerContext context = context();
        try {
            Map<String, String> settings = Map.of(LogSetup.TARGET, "System.err", LogSetup.LEVEL, "warn");
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new LogSetup(settings::get).configure(context));
            var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.WARN, root.getLevel());
            assertEquals("System.err", ((ConsoleAppender<ILoggingEvent>) root.getAppender("console")).getTarget());
            var access = context.getLogger(RequestLog.LOGGER);
            assertFalse(access.isAdditive(), "access lines only in the access log");
            AsyncAppender queue = assertInstanceOf(AsyncAppender.class, access.getAppender("access"));
            assertEquals(0, queue.getDiscardingThreshold());
            assertEquals("System.out", ((ConsoleAppender<ILoggingEvent>) queue.getAppender("access-console")).getTarget());
            assertEquals(Level.WARN, context.getLogger("org.flywaydb.core.internal.command.DbValidate").getLevel());
            assertEquals(Level.INFO, context.getLogger("org.apache.curator.framework.state.ConnectionStateManager").getLevel());
        } finally {
            context.stop();
        }
    }

    @Test
    void withoutSettingsTheLogIsInfoOnStandardOutput() {
        LoggerContext context = context();
        try {
            new LogSetup(name -> null).configure(context);
            var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.INFO, root.getLevel());
            assertEquals("System.out", ((ConsoleAppender<ILoggingEvent>) root.getAppender("console")).getTarget());
        } finally {
            context.stop();
        }
    }

    @Test
    void anOperatorsOwnConfigurationFileIsLeftToLogbackToRead() {
        LoggerContext context = context();
        try {
            Map<String, String> settings = Map.of("logback.configurationFile", "/etc/dossier/logback.xml");
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogSetup(settings::get).configure(context));
            assertNull(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console"));
        } finally {
            context.stop();
        }
    }
}
