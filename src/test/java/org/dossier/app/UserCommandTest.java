package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dossier.accounts.Accounts;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code dossier user ...} as a person runs it: exit status, what it prints, what it stores. */
// Alone: it checks every line a command prints, and other classes print too (servers log warnings).
@Isolated
class UserCommandTest {

    @TempDir
    Path folder;
    private DatabaseAddress db;
    private Path sqliteFile;
    private final InputStream stdin = System.in;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void capture() {
        sqliteFile = folder.resolve("data/dossier.db");
        db = TestPostgres.selected() ? TestDatabase.in(folder) : DatabaseAddress.sqlite(sqliteFile);
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setIn(stdin);
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private int run(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private boolean signsIn(String name, String password) throws IOException {
        try (Database database = Database.open(db)) {
            return new Accounts(database.dsl(), Clock.systemUTC()).authenticate(name, password).isPresent();
        }
    }

    @Test
    void addReadsThePasswordFromStandardInputAndListShowsTheAccount() throws IOException {
        assertEquals(0, run("correct horse battery\n", "user", "add", "--db", db.text(), "--role", "admin", "Alice"));
        assertEquals("Added admin 'alice' to " + db + ".\n", out().replace("\r\n", "\n"));
        assertEquals(0, run("another good password\r\n", "user", "add", "--db", db.text(), "bob"));

        assertEquals(0, run("", "user", "list", "--db", db.text()));
        String[] lines = out().strip().split("\\R");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("alice +admin +active +added \\d{4}-.*"), lines[0]);
        assertTrue(lines[1].matches("bob +editor +active +added .*"), lines[1]);
        assertTrue(signsIn("alice", "correct horse battery"));
        assertTrue(signsIn("bob", "another good password"), "the line end is not part of the password");
    }

    @Test
    void refusalsExitOneWithTheReasonAndStoreNothing() throws IOException {
        assertEquals(1, run("short\n", "user", "add", "--db", db.text(), "alice"));
        assertEquals("The password must have at least 10 characters.", err().strip());
        assertEquals(1, run("", "user", "add", "--db", db.text(), "alice"));
        assertTrue(err().startsWith("No password on standard input"), err());
        assertEquals(1, run("correct horse battery\n", "user", "add", "--db", db.text(), "import"));
        assertEquals(1, run("correct horse battery\n", "user", "add", "--db", db.text(), "no spaces"));

        assertEquals(0, run("correct horse battery\n", "user", "add", "--db", db.text(), "alice"));
        assertEquals(1, run("a different password\n", "user", "add", "--db", db.text(), "alice"));
        assertEquals("There is already an account named 'alice'.", err().strip());
        assertTrue(signsIn("alice", "correct horse battery"), "the first password stands");
    }

    @Test
    void whatIsNotUnderstoodExitsTwoWithUsage() {
        assertEquals(2, run("correct horse battery\n", "user", "add", "--db", db.text(), "--role", "boss", "alice"));
        assertTrue(err().contains("the role must be 'editor' or 'admin', not 'boss'"), err());
        assertTrue(err().contains("Usage: dossier user add"), err());
        assertEquals(2, run("", "user", "add", "--db", db.text()));
        assertTrue(err().contains("Missing required parameter: 'NAME'"), err());
        assertEquals(2, run("", "user", "list", "--db", db.text(), "--colour"));
        assertTrue(err().contains("Unknown option: '--colour'"), err());
        assertEquals(2, run("", "user"));
        assertEquals(2, run("", "user", "remove", "alice"));
        assertTrue(Files.notExists(sqliteFile), "nothing was created");
    }

    @Test
    void listingADatabaseThatIsNotThereFails() {
        assertEquals(1, run("", "user", "list", "--db", sqliteFile.toString()));
        assertEquals("There is no database at " + sqliteFile + ".", err().strip());
        assertTrue(Files.notExists(sqliteFile));
    }

    @Test
    void passwordSetsANewOne() throws IOException {
        assertEquals(0, run("correct horse battery\n", "user", "add", "--db", db.text(), "alice"));
        assertEquals(0, run("staple battery horse\n", "user", "password", "--db", db.text(), "alice"));
        assertTrue(signsIn("alice", "staple battery horse"));
        assertEquals(1, run("staple battery horse\n", "user", "password", "--db", db.text(), "nobody"));
        assertEquals("There is no account named 'nobody'.", err().strip());
    }
}
