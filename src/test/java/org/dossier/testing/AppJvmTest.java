package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Same on every database: how the tests start an app JVM, no database.
@SameOnEveryDatabase
class AppJvmTest {

    @Test
    void anAppJvmLoadsSqlitesLibraryFromItsOneCopyWithoutTakingItOutIntoTheTemporaryFolder(@TempDir Path folder)
            throws Exception {
        Path other = folder.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }
        List<String> command = new ArrayList<>(AppJvm.command(List.of("user", "list", "--db", other.toString())));
        // A temporary folder where nothing can be written: the library cannot be taken out there.
        command.add(1, "-Djava.io.tmpdir=" + folder.resolve("not-there"));
        Process list = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, list.waitFor(), said);
        assertTrue(said.strip().startsWith("The database " + other + " holds tables but is not a Dossier catalogue"), said);
    }
}
