package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.dossier.app.Protection;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An export is written on a thread whose nice value is {@code --export-nice}, all of it (its search,
 * its rows, its bytes), and is still the whole file, byte for byte.
 *
 * <p>While exports are asked for one after another, the JVM's threads are looked at again and again
 * until one is caught inside {@code SearchExport.write}: every thread so caught must be an export
 * thread, and the kernel's nice value of the export threads ({@code /proc/self/task}) the one asked
 * for. Alone in the JVM: the threads looked at are the whole process's, and other classes write
 * exports of their own.
 */
@Isolated
class ExportsAtALowerPriorityTest {

    /** Not the default, so that a thread at it is this node's. */
    private static final int NICE = 13;
    private static final String EXPORT = "/search.ris?sort=date";
    /** The export threads' name; the kernel keeps the first 15 characters of a thread's name. */
    private static final String THREAD = "dossier-export-";

    @Test
    void anExportIsWrittenWholeOnAThreadAtTheExportNiceValue() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withExports(1, Duration.ofSeconds(60)).withExportNice(NICE))) {
            String alone = catalogue.http().get(EXPORT).body();
            AtomicBoolean caught = new AtomicBoolean();
            ExecutorService asking = Executors.newSingleThreadExecutor();
            try {
                Future<List<String>> exports = asking.submit(() -> {
                    List<String> bodies = new ArrayList<>();
                    while (!caught.get() && bodies.size() < 2_000) {
                        bodies.add(catalogue.http().get(EXPORT).body());
                    }
                    return bodies;
                });
                Set<String> writers = new TreeSet<>();
                List<Integer> nices = List.of();
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (writers.isEmpty() && System.nanoTime() < until && !exports.isDone()) {
                    writers.addAll(threadsWritingAnExport());
                    if (!writers.isEmpty()) {
                        nices = exportThreadNices();
                    }
                }
                caught.set(true);
                assertFalse(writers.isEmpty(), "no thread was caught writing an export");
                assertTrue(writers.stream().allMatch(name -> name.startsWith(THREAD)),
                        "exports are written on the export threads, not on their requests': " + writers);
                assertTrue(nices.contains(NICE), "an export thread runs at nice " + NICE + ", not " + nices);
                List<String> bodies = exports.get();
                assertTrue(bodies.stream().allMatch(alone::equals),
                        "each export written on an export thread is the whole file, as the first");
            } finally {
                asking.shutdownNow();
            }
        }
    }

    /** The names of the threads inside {@code SearchExport.write} now. */
    private static List<String> threadsWritingAnExport() {
        List<String> writing = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            if (Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getMethodName().equals("write")
                    && frame.getClassName().equals(SearchExport.class.getName()))) {
                writing.add(thread.getKey().getName());
            }
        }
        return writing;
    }

    /** The nice value of each thread of this process named as the export threads, as the kernel has it. */
    private static List<Integer> exportThreadNices() throws IOException {
        List<Integer> nices = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(THREAD)) {
                        nices.add(nice(Files.readString(task.resolve("stat"))));
                    }
                } catch (IOException ended) {
                    // A thread that ended since the folder was listed.
                }
            }
        }
        return nices;
    }

    /** proc(5): the 19th field of a task's stat; the second, its name in parentheses, may hold spaces. */
    private static int nice(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[19 - 3]);
    }
}
