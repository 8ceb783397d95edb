package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code deploy/dossier.service}, the systemd unit an operator installs, names only what exists: its
 * command parses with the jar's own command line, every variable it sets is an option of
 * {@code serve} and reaches it, and it waits for the node's own stop. An option renamed, a
 * default changed, and the unit would break on the next install, where no test looks.
 */
@SameOnEveryDatabase // a text file and the command line's parser
class ServiceUnitTest {

    private static final Path UNIT = Path.of("deploy", "dossier.service");

    /** The [Service] section's settings, each with every value it was given, in order. */
    private static Map<String, List<String>> service() throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int equals = line.indexOf('=');
            assertTrue(equals > 0, "not a setting: " + line);
            if (section.equals("[Service]")) {
                settings.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        return settings;
    }

    private static String one(Map<String, List<String>> service, String key) {
        List<String> values = service.getOrDefault(key, List.of());
        assertEquals(1, values.size(), key + " is set once: " + values);
        return values.get(0);
    }

    /** The unit's Environment= lines, as the process would see them. */
    private static Map<String, String> environment(Map<String, List<String>> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String assignment : service.getOrDefault("Environment", List.of())) {
            // One plain NAME=value a line: quotes and several on a line would need systemd's own unquoting.
            assertFalse(assignment.contains("\"") || assignment.contains("'") || assignment.contains(" "), assignment);
            String[] pair = assignment.split("=", 2);
            environment.put(pair[0], pair[1]);
        }
        return environment;
    }

    /** What ExecStart runs, parsed by the jar's own command line with the unit's environment. */
    private static ServeCommand serve(Map<String, List<String>> service) {
        List<String> words = Arrays.asList(one(service, "ExecStart").split("\\s+"));
        int jar = words.indexOf("-jar");
        assertTrue(jar > 0 && words.get(jar + 1).endsWith("dossier.jar"), "runs the jar: " + words);
        List<String> args = words.subList(jar + 2, words.size());
        Map<String, String> environment = environment(service);
        CommandLine.ParseResult parsed = Main.commandLine(environment::get).parseArgs(args.toArray(String[]::new));
        assertTrue(parsed.hasSubcommand(), "names a command: " + args);
        Object command = parsed.subcommand().commandSpec().userObject();
        assertTrue(command instanceof ServeCommand, "serves: " + args);
        return (ServeCommand) command;
    }

    @Test
    void itsCommandIsServeAsTheJarParsesItAndEveryVariableItSetsIsAnOptionOfServeThatReachesIt() throws Exception {
        Map<String, List<String>> service = service();
        ServeCommand serve = serve(service);
        CommandLine.Model.CommandSpec spec = new CommandLine(new Main()).getSubcommands().get("serve").getCommandSpec();
        Set<String> variables = spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(o -> EnvironmentDefaults.variable(o.longestName()))
                .collect(Collectors.toSet());
        Map<String, String> environment = environment(service);
        assertFalse(environment.isEmpty());
        for (String variable : environment.keySet()) {
            assertTrue(variables.contains(variable), variable + " is no option of serve: " + variables);
        }
        // And each reaches the command, as its value.
        assertEquals(DatabaseAddress.sqlite(Path.of(environment.get("DOSSIER_DB"))), serve.databaseOption.address());
        assertEquals(Path.of(environment.get("DOSSIER_INDEX")), serve.index);
        assertEquals(Path.of(environment.get("DOSSIER_SEEDS")), serve.seeds);
        assertEquals(environment.get("DOSSIER_HOST"), serve.host);
        assertEquals(Integer.parseInt(environment.get("DOSSIER_PORT")), serve.port);
        assertEquals(Long.parseLong(environment.get("DOSSIER_SHUTDOWN_GRACE")), serve.shutdownGrace);
        assertEquals(Long.parseLong(environment.get("DOSSIER_SHUTDOWN_DELAY")), serve.shutdownDelay);
    }

    @Test
    void systemdWaitsLongerForAStopThanTheNodesDelayAndGraceAndTakesItsExitStatusForSuccess() throws Exception {
        Map<String, List<String>> service = service();
        ServeCommand serve = serve(service);
        Duration drain = Duration.ofSeconds(serve.shutdownDelay + serve.shutdownGrace);
        Duration allowed = Duration.ofSeconds(Long.parseLong(one(service, "TimeoutStopSec")));
        // The index's commit and the database's close come after the drain.
        assertTrue(allowed.compareTo(drain.plusSeconds(10)) >= 0, "TimeoutStopSec " + allowed + ", drain " + drain);
        // What serve exits with on SIGTERM (StopWhileStartingTest), 128 + 15: a stop, not a failure.
        assertTrue(Arrays.asList(one(service, "SuccessExitStatus").split("\\s+")).contains("143"));
        assertEquals("SIGTERM", one(service, "KillSignal"));
        assertEquals("on-failure", one(service, "Restart"));
        // A usage error (status 2) is not started again: only a corrected setting helps it.
        assertTrue(Arrays.asList(one(service, "RestartPreventExitStatus").split("\\s+")).contains("2"));
        // No sd_notify: a notify unit would wait for a READY=1 that never comes, and kill the node.
        assertEquals("simple", one(service, "Type"));
    }

    @Test
    void itWritesOnlyWhereItsDatabaseAndIndexAreAsAUserOfItsOwn() throws Exception {
        Map<String, List<String>> service = service();
        ServeCommand serve = serve(service);
        assertEquals("strict", one(service, "ProtectSystem"));
        List<Path> writable = Arrays.stream(one(service, "ReadWritePaths").split("\\s+")).map(Path::of).toList();
        for (Path path : List.of(serve.databaseOption.address().file(), serve.index)) {
            assertTrue(path.isAbsolute() && writable.stream().anyMatch(path::startsWith),
                    path + " is under ReadWritePaths " + writable);
        }
        String user = one(service, "User");
        assertFalse(user.equals("root") || user.isBlank(), user);
    }

    /** systemd's own reading of it, where this machine has systemd-analyze (Debian's systemd package). */
    @Test
    void systemdAnalyzeVerifyFindsNothingToSay() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "no systemd-analyze here");
        Process verify = new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), said);
        assertEquals("", said.strip(), "an unknown setting is only a warning, and would be ignored");
    }
}
