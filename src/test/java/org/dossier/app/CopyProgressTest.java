package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.AppJvm;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a command's progress goes: standard error. An operator who types {@code copy … 2> copy.log}
 * at a terminal sends it to a log, and the log must get lines (a line a minute, then each table's
 * summary), not a line redrawn with carriage returns: the command took standard input and output
 * being a terminal to mean standard error was one. Run through a real terminal ({@code script}
 * gives the command, a JVM of its own ({@link AppJvm}), a pseudo-terminal), from the test database
 * (SQLite, then PostgreSQL) into a new SQLite file.
 */
class CopyProgressTest {

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Test
    void aCopyTypedAtATerminalWithItsProgressSentToALogWritesLinesNotOneRedrawn(@TempDir Path folder) throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux's script gives the command a terminal");
        Path sourceFolder = Files.createDirectories(folder.resolve("source"));
        TestDatabase.seededIn(sourceFolder).close();
        DatabaseAddress from = TestDatabase.in(sourceFolder);
        Path log = folder.resolve("copy.log");
        String command = AppJvm.command(List.of("copy", "--from", from.text(), "--to", folder.resolve("copy.db").toString()))
                .stream().map(CopyProgressTest::quoted).collect(java.util.stream.Collectors.joining(" "))
                + " 2>" + quoted(log.toString());
        try {
            Process copy = new ProcessBuilder(List.of(script.toString(), "-qec", command, "/dev/null"))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("terminal.txt").toFile()).start();
            assertTrue(copy.waitFor(180, TimeUnit.SECONDS), "the copy ends");
            String written = Files.readString(log);
            assertEquals(0, copy.exitValue(), written + Files.readString(folder.resolve("terminal.txt")));
            assertTrue(written.contains("Copied ") && written.lines().anyMatch(l -> l.startsWith("document ")), written);
            assertFalse(written.contains("\r"), "a line redrawn into the log: " + written.replace("\r", "\\r"));
        } finally {
            TestDatabase.forget(sourceFolder);
        }
    }
}
