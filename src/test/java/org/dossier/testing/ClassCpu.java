package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * With {@code -Ddossier.test.class-cpu=FILE}, writes a line to FILE for each test class: its wall
 * time and the processor time spent meanwhile by the test JVM and by each kind of process it started
 * (the tests' SolrCloud, Chromium and chromedriver, the app's JVMs a test runs, anything else), read
 * from {@code /proc} at the class's start and end. The suite runs three classes at once, so the
 * figures are a class's own only with {@code -Djunit.jupiter.execution.parallel.enabled=false}; what
 * a class begins and the next one pays for (the shared SolrCloud started on a thread of its own, a
 * browser handed on) falls where it happens. Embedded PostgreSQL's processes are not the JVM's
 * children (its server detaches) and are not counted. Off, it reads nothing.
 */
public final class ClassCpu implements TestExecutionListener {

    private static final String PROPERTY = "dossier.test.class-cpu";
    private static final long TICKS = 100; // USER_HZ on Linux
    private final Map<String, Reading> started = new ConcurrentHashMap<>();

    /** Processor time in ms by kind, and the wall clock in ms. */
    private record Reading(long wall, Map<String, Long> cpu) {
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (System.getProperty(PROPERTY) != null && isClass(test)) {
            started.put(test.getUniqueId(), read());
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Reading before = started.remove(test.getUniqueId());
        if (before == null) {
            return;
        }
        Reading after = read();
        StringBuilder line = new StringBuilder(((ClassSource) test.getSource().orElseThrow()).getJavaClass().getSimpleName());
        line.append('\t').append(after.wall() - before.wall());
        long all = 0;
        Map<String, Long> kinds = new TreeMap<>(after.cpu());
        before.cpu().keySet().forEach(kind -> kinds.putIfAbsent(kind, 0L));
        StringBuilder parts = new StringBuilder();
        for (var kind : kinds.entrySet()) {
            long spent = kind.getValue() - before.cpu().getOrDefault(kind.getKey(), 0L);
            all += spent;
            parts.append('\t').append(kind.getKey()).append('=').append(spent);
        }
        line.append('\t').append(all).append(parts).append('\n');
        try {
            Files.writeString(Path.of(System.getProperty(PROPERTY)), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isClass(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    /**
     * The JVM's own time, the time of the children it has reaped ({@code ended}: the app's JVMs a test
     * ran, mostly), and each live descendant's with the children it reaped: a child that ended is
     * counted once, in whoever reaped it (a SolrCloud or chromedriver that ends moves to {@code ended}).
     */
    private static Reading read() {
        Map<String, Long> cpu = new TreeMap<>();
        long[] self = times(ProcessHandle.current().pid());
        cpu.put("jvm", self[0]);
        cpu.put("ended", self[1]);
        ProcessHandle.current().descendants().forEach(child -> {
            long[] t = times(child.pid());
            String command = child.info().commandLine().orElse("");
            cpu.merge(kind(command), t[0] + t[1], Long::sum);
        });
        return new Reading(ManagementFactory.getRuntimeMXBean().getUptime(), cpu);
    }

    private static String kind(String command) {
        if (command.contains("LocalSolrCloud")) {
            return "solr";
        }
        if (command.contains("chrom")) {
            return "chromium";
        }
        if (command.contains("java")) {
            return "java";
        }
        return "other";
    }

    /** {utime + stime, cutime + cstime} of a process, in ms; zeros when it has gone. */
    private static long[] times(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14-17 of proc(5), here from field 3 on: utime, stime, cutime, cstime.
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[] {own * 1000 / TICKS, reaped * 1000 / TICKS};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
