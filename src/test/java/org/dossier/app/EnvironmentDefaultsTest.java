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
