package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** How a long command's progress reads in a log, where nothing is redrawn. */
@SameOnEveryDatabase
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(0);
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Progress progress = new Progress("document rows", 1_000, new PrintStream(written, true,
            StandardCharsets.UTF_8), false, now::get);

    private String log() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalAnHoursWorkWritesALineAMinuteThenItsSummary() {
        now.set(30 * SECOND);
        progress.advanceTo(100);
        assertEquals("", log(), "nothing in the first minute");
        now.set(60 * SECOND);
        progress.advanceTo(200);
        now.set(90 * SECOND);
        progress.advanceTo(300);
        now.set(120 * SECOND);
        progress.advanceTo(400);
        progress.finish("document                 400 rows");
        assertEquals("""
                document rows: 200 of 1000 (20%), 3/s, 4 min 0 s left
                document rows: 400 of 1000 (40%), 3/s, 3 min 0 s left
                document                 400 rows in 2 min 0 s (3 document rows/s)
                """, log());
    }

    @Test
    void offATerminalAShortCommandWritesOnlyItsSummary() {
        now.set(5 * SECOND);
        progress.advanceTo(1_000);
        progress.finish("document                 1,000 rows");
        assertEquals("document                 1,000 rows in 5.0 s (200 document rows/s)\n", log());
    }

    @Test
    void aSlowSmallCommandSaysItsRateInTenthsNotZero() {
        now.set(4_400_000_000L);
        progress.advanceTo(2);
        progress.finish("2 new");
        assertEquals("2 new in 4.4 s (0.5 document rows/s)\n", log());
    }
}
