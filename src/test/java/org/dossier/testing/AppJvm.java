package org.dossier.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command or a node of the app run as an operator runs it, in a JVM of its own on the tests'
 * class path (without their log settings): every test that starts one starts it here.
 *
 * <p>Such a JVM runs a command once, so it gets the quick JIT compiler only and the serial collector,
 * as the test JVMs have (pom.xml): compiling its start fully cost more CPU than running it. And it
 * does not verify the bytecode it loads: the test JVMs, which keep verifying, load the same classes
 * of the same class path (the app's, its libraries'), and verifying them again in each of some 25
 * JVMs a run cost each a few tenths of a second of CPU, and a thousand classes loaded for nothing else
 * (BENCHMARKS.md, "The test suite, fifteenth round").
 */
public final class AppJvm {

    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");

    private AppJvm() {
    }

    /** {@code java … org.dossier.app.Main args}, as a command line. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.dossier.app.Main"));
        command.addAll(args);
        return command;
    }

    /** A process of {@link #command}, to redirect and start. */
    public static ProcessBuilder of(List<String> args) {
        return new ProcessBuilder(command(args));
    }
}
