package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --write-wait}, the one way to say how long a write waits for another writer: 5 s for a node
 * and 30 s for every command that opens a catalogue unless it says otherwise, read from the command
 * line or the environment into the one value {@link Database#open} is given.
 */
@SameOnEveryDatabase // the command line's parser; nothing is opened
class WriteWaitOptionTest {

    /** The commands that open a catalogue, each as typed with what else it must be given. */
    private static final List<List<String>> COMMANDS = List.of(List.of("import", "seeds"),
            List.of("generate", "--db", "x.db", "--count", "1"), List.of("user", "add", "ada"), List.of("user", "list"),
            List.of("user", "password", "ada"), List.of("reindex"), List.of("relink", "--person", "stalin"),
            List.of("copy", "--from", "a.db", "--to", "b.db"));

    @TempDir
    Path folder;

    /** The write wait {@code args} give the command they name (a subcommand's subcommand for {@code user}). */
    private static WriteWait parsed(Map<String, String> environment, List<String> args) {
        CommandLine.ParseResult parsed = Main.commandLine(environment::get).parseArgs(args.toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        Object command = parsed.commandSpec().userObject();
        for (java.lang.reflect.Field field : command.getClass().getDeclaredFields()) {
            if (field.getType() == WriteWaitOption.class) {
                try {
                    return ((WriteWaitOption) field.get(command)).writeWait();
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(String.join(" ", args) + " takes no --write-wait");
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aNodeWaitsFiveSecondsAndEveryCommandThatOpensACatalogueThirtyUnlessTheyAreToldOtherwise() {
        assertEquals(Duration.ofSeconds(5), parsed(Map.of(), List.of("serve")).duration());
        assertEquals(Duration.ofSeconds(1), parsed(Map.of(), List.of("serve", "--write-wait", "1s")).duration());
        assertEquals(Duration.ofSeconds(2), parsed(Map.of("DOSSIER_WRITE_WAIT", "2s"), List.of("serve")).duration());
        assertEquals(Duration.ofSeconds(1),
                parsed(Map.of("DOSSIER_WRITE_WAIT", "2s"), List.of("serve", "--write-wait", "1s")).duration());
        for (List<String> command : COMMANDS) {
            assertEquals(Duration.ofSeconds(30), parsed(Map.of(), command).duration(), command.toString());
            assertEquals(Duration.ofMillis(500), parsed(Map.of(), with(command, "--write-wait", "500ms")).duration(),
                    command.toString());
            assertEquals(Duration.ofMinutes(2), parsed(Map.of(), with(command, "--write-wait=2m")).duration(),
                    command.toString());
        }
    }

    /**
     * A wait without its unit (which would leave seconds, or milliseconds as --search-wait takes, to
     * be guessed), of nothing, or not a number is a usage error, exit status 2, naming the option and
     * what it takes, before anything is opened or made; from the environment too, naming the variable.
     */
    @Test
    void aWaitThatIsNotOneIsAUsageErrorThatNamesTheOptionBeforeAnythingIsOpened() {
        Path db = folder.resolve("x.db");
        for (List<String> command : List.of(List.of("serve", "--db", db.toString()),
                List.of("import", "--db", db.toString(), "seeds"))) {
            for (String wrong : List.of("soon", "5", "0s", "-1s", "1.5s", "5 seconds")) {
                StringWriter err = new StringWriter();
                CommandLine line = Main.commandLine(Map.<String, String>of()::get).setErr(new PrintWriter(err, true));
                assertEquals(2, line.execute(with(command, "--write-wait", wrong).toArray(String[]::new)), err.toString());
                assertTrue(err.toString().startsWith("Invalid value for option '--write-wait': '" + wrong + "' is not a "
                        + "wait: give a number, more than 0, and its unit, such as 500ms, 5s or 2m"), err.toString());
            }
        }
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine(Map.of("DOSSIER_WRITE_WAIT", "5")::get).setErr(new PrintWriter(err, true));
        assertEquals(2, line.execute("serve", "--db", db.toString()));
        assertTrue(err.toString().startsWith("Invalid value for option '--write-wait': '5' is not a wait: give a number, "
                + "more than 0, and its unit, such as 500ms, 5s or 2m (from the environment variable DOSSIER_WRITE_WAIT)"),
                err.toString());
        assertFalse(Files.exists(db));
    }

    @Test
    void theHelpOfServeAndOfEveryCommandThatOpensACatalogueSaysTheOptionAndItsDefault() {
        assertTrue(help(List.of("serve")).contains("--write-wait=DURATION"), help(List.of("serve")));
        assertTrue(help(List.of("serve")).replaceAll("\\s+", " ").contains("such as 500ms, 5s or 2m (default: 5 s)."),
                help(List.of("serve")));
        for (List<String> command : COMMANDS) {
            String help = help(command.subList(0, command.get(0).equals("user") ? 2 : 1));
            assertTrue(help.contains("--write-wait=DURATION"), help);
            assertTrue(help.replaceAll("\\s+", " ").contains("such as 500ms, 5s or 2m (default: 30 s)."), help);
        }
    }

    private static String help(List<String> command) {
        StringWriter out = new StringWriter();
        CommandLine line = Main.commandLine(Map.<String, String>of()::get).setOut(new PrintWriter(out, true));
        assertEquals(0, line.execute(with(command, "--help").toArray(String[]::new)));
        return out.toString();
    }

    @Test
    void aWaitIsSaidInSecondsWhenItIsWholeSecondsAndInMillisecondsOtherwise() {
        assertEquals("5 s", WriteWait.SERVER.toString());
        assertEquals("30 s", WriteWait.COMMAND.toString());
        assertEquals("120 s", WriteWait.parse("2m").toString());
        assertEquals("500 ms", WriteWait.parse("500ms").toString());
        assertEquals("1500 ms", WriteWait.parse("1500ms").toString());
    }
}
