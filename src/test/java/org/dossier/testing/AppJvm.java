package org.dossier.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command or a node of the app run as an operator runs it, in a JVM of its own on the tests'
 * class path (without their log settings): every test that starts one starts it here.
 *
 * <p>Such a JVM runs a command once, so it gets the quick JIT compiler only and the serial collector,
 * as the test JVMs have (pom.xml): compiling its start fully cost more CPU than running it. It
 * verifies its bytecode as an operator's JVM does: not verifying saved 4-5 % of a JVM's CPU, less than
 * one run differs from the next (BENCHMARKS.md, "The test suite, twenty-sixth round"). It loads
 * SQLite's library from one copy ({@link SqliteLibrary}). A class-data sharing archive of the classes
 * a start loads, made once per test JVM, cost more than it saved over a dozen JVMs (BENCHMARKS.md,
 * "What an app JVM spends starting").
 */
public final class AppJvm {

    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private AppJvm() {
    }

    /** {@code java … org.dossier.app.Main args}, as a command line. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        SqliteLibrary.once().ifPresent(sqlite -> command.addAll(sqlite.options()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.dossier.app.Main"));
        command.addAll(args);
        return command;
    }

    /** A process of {@link #command}, to redirect and start. */
    public static ProcessBuilder of(List<String> args) {
        return new ProcessBuilder(command(args));
    }
}
