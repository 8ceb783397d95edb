package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import org.dossier.testing.SameOnEveryDatabase;

/** Every option can come from a DOSSIER_* variable; the command line wins; the README lists serve's. */
@SameOnEveryDatabase
class EnvironmentDefaultsTest {

    private static ServeCommand parse(Map<String, String> environment, String... args) {
        CommandLine line = new CommandLine(new Main()).setDefaultValueProvider(new EnvironmentDefaults(environment::get));
        CommandLine.ParseResult parsed = line.parseArgs(args);
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void optionNamesBecomeVariableNames() {
        assertEquals("DOSSIER_PUBLIC_URL", EnvironmentDefaults.variable("--public-url"));
        assertEquals("DOSSIER_DB", EnvironmentDefaults.variable("--db"));
        assertEquals("DOSSIER_METRICS_PORT", EnvironmentDefaults.variable("--metrics-port"));
    }

    @Test
    void serveTakesItsOptionsFromTheEnvironmentAndTheCommandLineWins() {
        Map<String, String> env = Map.of("DOSSIER_PORT", "8081", "DOSSIER_DB", "/data/x.db",
                "DOSSIER_PUBLIC_URL", "https://archive.example", "DOSSIER_METRICS_PORT", "9100", "DOSSIER_LOG_FORMAT", "json");
        ServeCommand serve = parse(env, "serve");
        assertEquals(8081, serve.port);
        assertEquals(DatabaseAddress.sqlite(Path.of("/data/x.db")), serve.databaseOption.address());
        assertEquals("https://archive.example", serve.publicUrl);
        assertEquals(9100, serve.metricsPort);
        assertEquals(org.dossier.ops.LogFormat.json, serve.logFormat);

        ServeCommand given = parse(env, "serve", "--port", "9000");
        assertEquals(9000, given.port);
        ServeCommand none = parse(Map.of(), "serve");
        assertEquals(Settings.DEFAULT_PORT, none.port);
        assertEquals(null, none.metricsPort);
    }

    @Test
    void aBadValueInTheEnvironmentIsAUsageError() {
        CommandLine line = new CommandLine(new Main())
                .setDefaultValueProvider(new EnvironmentDefaults(Map.of("DOSSIER_PORT", "eighty")::get));
        assertEquals(2, line.execute("serve"));
    }

    @Test
    void aBadValueInTheEnvironmentNamesTheVariableItCameFrom() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine line = Main.commandLine(Map.of("DOSSIER_PORT", "eighty")::get)
                .setErr(new java.io.PrintWriter(err, true));
        assertEquals(2, line.execute("serve"));
        assertTrue(err.toString().startsWith("Invalid value for option '--port': 'eighty' is not an int "
                + "(from the environment variable DOSSIER_PORT)"), err.toString());

        // Given on the command line, it is the command line's.
        java.io.StringWriter typed = new java.io.StringWriter();
        CommandLine given = Main.commandLine(Map.of("DOSSIER_PORT", "8080")::get)
                .setErr(new java.io.PrintWriter(typed, true));
        assertEquals(2, given.execute("serve", "--port", "eighty"));
        assertTrue(typed.toString().startsWith("Invalid value for option '--port': 'eighty' is not an int"), typed.toString());
        assertTrue(!typed.toString().contains("from the environment variable"), typed.toString());
    }

    /**
     * A value of the right type that the settings refuse (a negative lag, a port past 65535, an
     * address that is no URL) was said without the option ("the index lag allowed must be 0 or more,
     * not -3"; URI's "Illegal character in path at index 3: not a url"), and never where it came
     * from: an operator looking at a compose file's environment was not told which line to fix.
     */
    @Test
    void aValueTheSettingsRefuseNamesItsOptionAndTheVariableItCameFrom() {
        Map<String, String> refused = Map.of(
                "DOSSIER_MAX_INDEX_LAG", "--max-index-lag must be 0 or more changes, not -3",
                "DOSSIER_PORT", "--port must be from 0 to 65535, not -3",
                "DOSSIER_SHUTDOWN_GRACE", "--shutdown-grace takes a number of seconds, 0 or more, not -3",
                "DOSSIER_PUBLIC_URL", "--public-url takes the site's address, such as https://archive.example.org, "
                        + "not 'archive example'");
        refused.forEach((variable, said) -> {
            String value = variable.equals("DOSSIER_PUBLIC_URL") ? "archive example" : "-3";
            java.io.StringWriter err = new java.io.StringWriter();
            CommandLine line = Main.commandLine(Map.of(variable, value)::get).setErr(new java.io.PrintWriter(err, true));
            assertEquals(2, line.execute("serve"), err.toString());
            assertEquals("dossier serve: " + said + " (from the environment variable " + variable + ")",
                    err.toString().strip());
        });

        // Typed on the command line, it is the command line's, whatever the environment holds.
        java.io.StringWriter typed = new java.io.StringWriter();
        CommandLine given = Main.commandLine(Map.of("DOSSIER_MAX_INDEX_LAG", "5")::get)
                .setErr(new java.io.PrintWriter(typed, true));
        assertEquals(2, given.execute("serve", "--max-index-lag", "-3"));
        assertEquals("dossier serve: --max-index-lag must be 0 or more changes, not -3", typed.toString().strip());
    }

    @Test
    void theReadmeTableListsAVariableForEveryServeOption() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        CommandLine serve = new CommandLine(new Main()).getSubcommands().get("serve");
        for (OptionSpec option : serve.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String variable = EnvironmentDefaults.variable(option.longestName());
            assertTrue(readme.contains("`" + variable + "`"), "README names " + variable + " for " + option.longestName());
        }
    }
}
