package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.synthetic.Generator;
import org.dossier.testing.Logged;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An index opening says so in the log, what it does (checks, rebuilds, applies the changes made while
 * it was closed) and when it is open, with the time taken: an operator restarting a node on a
 * loaded machine waited 25 s for it with nothing in the log.
 */
@org.junit.jupiter.api.parallel.ResourceLock(org.dossier.testing.SearchEngineLog.LEVEL)
class IndexOpeningLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(LuceneSearchEngine.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    /** This index's lines: other classes open indexes of their own meanwhile. */
    private List<String> linesAbout(Path index) {
        return Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(index.toString())).toList();
    }

    @Test
    void anIndexSaysWhenItBeginsToOpenWhatItDoesAndWhenItIsOpenWithTheTimeTaken() throws Exception {
        try (TestDatabase db = TestDatabase.withAuthorities()) {
            Path index = db.folder().resolve("dossier.index");
            Generator generator = new Generator(db.dsl(), Clock.systemUTC());
            generator.generate(TestCatalogue.SEEDS, 40, 3, (done, total) -> { });
            try (LuceneSearchEngine engine = LuceneSearchEngine.open(index, db.dsl())) {
                List<String> lines = linesAbout(index);
                assertEquals(3, lines.size(), lines.toString());
                assertEquals("Opening the search index at " + index + ": checking it against the database", lines.get(0));
                assertEquals("Rebuilding the search index at " + index + ": there is no index yet", lines.get(1));
                assertTrue(lines.get(2).matches("The search index at .* is open after \\d+ ms, up to change "
                        + engine.appliedChange()), lines.get(2));
            }
            Logged.clear(logged);
            long before = new IndexSource(db.dsl()).head().last();
            generator.generate(TestCatalogue.SEEDS, 30, 4, (done, total) -> { });
            long made = new IndexSource(db.dsl()).head().last() - before;
            try (LuceneSearchEngine engine = LuceneSearchEngine.open(index, db.dsl())) {
                List<String> lines = linesAbout(index);
                assertEquals(List.of("Opening the search index at " + index + ": checking it against the database",
                        "The search index at " + index + " applies the " + made + " changes made since it was last open",
                        "The search index at " + index + " is open after "), lines.stream()
                        .map(line -> line.replaceAll("open after .*", "open after ")).toList());
            }
        }
    }

    @Test
    void aLongStepSaysHowFarItIsEveryFewSecondsAndAShortOneNothing() {
        long[] now = {0};
        OpeningPhase phase = new OpeningPhase("Opening a test's index");
        LoggedProgress progress = new LoggedProgress(logger, "Rebuilding a test's index", "records", phase,
                () -> now[0]);
        long second = TimeUnit.SECONDS.toNanos(1);
        List<String> phases = new java.util.ArrayList<>();
        for (int done = 1; done <= 12; done++) {
            now[0] = done * second;
            progress.indexed(done * 100_000L, 1_200_000);
            phases.add(phase.now());
        }
        List<String> lines = Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("Rebuilding a test's index: ")).toList();
        assertEquals(List.of("Rebuilding a test's index: 500,000 of 1,200,000 records, 5 s so far",
                "Rebuilding a test's index: 1,000,000 of 1,200,000 records, 10 s so far"), lines);
        // What /ready says meanwhile: every step, in the log's words.
        assertEquals("Rebuilding a test's index: 100,000 of 1,200,000 records", phases.get(0));
        assertEquals("Rebuilding a test's index: 1,200,000 of 1,200,000 records", phases.get(11));
    }

    @Test
    void aStepWhoseTotalIsNotKnownSaysHowManySoFar() {
        OpeningPhase phase = new OpeningPhase("Opening a test's collection");
        new LoggedProgress(logger, "Filling a test's collection", "records", phase, () -> 0).indexed(4_000, 0);
        assertEquals("Filling a test's collection: 4,000 records", phase.now());
    }

    @Test
    void anOpeningSaysInItsPhaseWhatItDoesAsTheLogDoes() throws Exception {
        try (TestDatabase db = TestDatabase.withAuthorities()) {
            Path index = db.folder().resolve("dossier.index");
            new Generator(db.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, 20, 5, (done, total) -> { });
            OpeningPhase phase = new OpeningPhase(OpeningSearchEngine.OPENING);
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Every phase the opening passes, as the log's lines are seen: a line is logged as the phase is said.
            ch.qos.logback.core.AppenderBase<ILoggingEvent> watcher = new ch.qos.logback.core.AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    seen.add(phase.now());
                }
            };
            watcher.start();
            logger.addAppender(watcher);
            try (LuceneSearchEngine engine = LuceneSearchEngine.open(index, db.dsl(), 0, phase)) {
                assertTrue(engine.isOpen());
            } finally {
                logger.detachAppender(watcher);
            }
            assertTrue(seen.contains("Opening the search index: checking it against the database"), seen.toString());
            assertTrue(seen.stream().anyMatch(said -> said.startsWith("Rebuilding the search index (there is no index yet)")),
                    seen.toString());
            assertEquals("Opening the search index: reading it for the first search", phase.now());
        }
    }
}
