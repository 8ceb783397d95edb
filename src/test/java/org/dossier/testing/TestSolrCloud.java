package org.dossier.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dossier.search.SolrAddress;
import org.dossier.search.SolrSetup;

/**
 * The tests' SolrCloud: one cluster per test JVM, ZooKeeper and two Solr 9 nodes
 * ({@code solr-dev/}, Solr's MiniSolrCloudCluster), in a child JVM of its own, because Solr 9
 * runs on Jetty 10 and the app on Jetty 12. Built on first use by the Maven running the tests
 * (its dependencies come from Maven Central like every other), started once, stopped when the
 * test JVM exits: the child also stops when its standard input closes, so a test JVM that dies
 * leaves nothing behind. Each caller gets a new collection of its own, made by the app's own
 * {@code solr-setup} code. The cluster runs without Solr's Overseer, which made each collection
 * slower to make ({@code LocalSolrCloud}). A class may end one of its own clients' ZooKeeper
 * sessions on it ({@link #expireSession}); a class that stops the cluster's parts has one of its own
 * ({@link Own}).
 */
public final class TestSolrCloud {

    private static final Pattern ZK_ADDRESS = Pattern.compile("[0-9.]+:[0-9]+(/[A-Za-z0-9_]+)?");
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    /** The collections made ahead ({@link #freshCollection}), by their number of shards. */
    private static final java.util.Map<Integer, CompletableFuture<SolrAddress>> AHEAD = new java.util.HashMap<>();
    private static final java.util.concurrent.Executor MAKING = java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-solrcloud-ahead");
        thread.setDaemon(true);
        return thread;
    });
    /** The shared cluster's ZooKeeper, once it has started (or why it could not); null until asked for. */
    private static CompletableFuture<SolrAddress.Ensemble> ensemble;
    private static volatile Process process;
    /** What the shared cluster says, and its answers to what it is asked; null until it has started. */
    private static volatile Console console;
    private static volatile Path data;

    private TestSolrCloud() {
    }

    /**
     * Begins starting the shared cluster on a thread of its own, unless it is started or starting: a
     * class calls it first, so that what it prepares before it asks for a collection (a catalogue to
     * import or copy) overlaps the cluster's start, 5 to 9 s, rather than coming before it.
     */
    public static synchronized void startSoon() {
        if (ensemble == null) {
            CompletableFuture<SolrAddress.Ensemble> starting = new CompletableFuture<>();
            Thread starter = new Thread(() -> {
                try {
                    starting.complete(SolrAddress.Ensemble.parse(start()));
                } catch (IOException | InterruptedException | RuntimeException e) {
                    starting.completeExceptionally(e);
                }
            }, "test-solrcloud-start");
            starter.setDaemon(true);
            starter.start();
            ensemble = starting;
        }
    }

    /**
     * A new, empty collection of {@code shards} shards on the shared cluster. Classes running side by
     * side make theirs at the same time: only the cluster's start is waited for. One collection of
     * each number of shards is made ahead, beside the caller's work, and given to the next caller who
     * asks for that many: a collection took 0.5 s and more to make (the configset, the collection, its
     * alias, and a ZooKeeper client's close that sleeps 100 ms), and SolrFeedTest asks for one in most
     * of its tests. Each is asked for once, by one caller, and is as solr-setup made it.
     */
    public static SolrAddress freshCollection(int shards) {
        CompletableFuture<SolrAddress> ahead;
        synchronized (AHEAD) {
            ahead = AHEAD.remove(shards);
            AHEAD.put(shards, CompletableFuture.supplyAsync(() -> made(shards), MAKING));
        }
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (java.util.concurrent.CompletionException e) {
                // Made again below, where a failure is the caller's to see.
            }
        }
        return made(shards);
    }

    private static SolrAddress made(int shards) {
        SolrAddress address = ensemble().collection("dossier_" + ProcessHandle.current().pid() + "_"
                + COLLECTIONS.incrementAndGet());
        try {
            SolrSetup.create(address, shards, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return address;
    }

    private static SolrAddress.Ensemble ensemble() {
        startSoon();
        CompletableFuture<SolrAddress.Ensemble> started;
        synchronized (TestSolrCloud.class) {
            started = ensemble;
        }
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("the test SolrCloud did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start() throws IOException, InterruptedException {
        data = Files.createTempDirectory("dossier-solr");
        Launched launched = launch(data);
        process = launched.process();
        Runtime.getRuntime().addShutdownHook(new Thread(TestSolrCloud::stop));
        console = new Console(launched, "solr-dev-log");
        return launched.zk();
    }

    /**
     * Expires the ZooKeeper session {@code id} at the shared cluster's server, as when its client goes
     * silent past its timeout (a long pause, a network split): its ephemeral znodes go, and the client
     * finds it expired when it next reaches ZooKeeper. Only that client is touched: the classes running
     * beside it on the cluster keep theirs.
     */
    public static void expireSession(long id) {
        ensemble();
        console.ask("expire-session " + Long.toHexString(id));
    }

    /** A cluster's child JVM, the ZooKeeper address it printed, and the rest of what it prints. */
    private record Launched(Process process, String zk, BufferedReader lines) {
    }

    private static Launched launch(Path data) throws IOException, InterruptedException {
        Path project = Path.of("solr-dev").toAbsolutePath();
        Path classpath = project.resolve("target/classpath.txt");
        String maven = System.getProperty("dossier.maven", "mvn");
        Path log = Files.createDirectories(project.resolve("target")).resolve("build.log");
        synchronized (TestSolrCloud.class) {
            // The suite's two halves run side by side (bin/test), each test JVM with a cluster of its own:
            // on a fresh clone the first to get here builds solr-dev, the other waits for it on the
            // file's lock (held until the channel closes) and then finds it built.
            try (FileChannel building = FileChannel.open(project.resolve("target/build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                building.lock();
                if (!builtSince(classpath, project)) {
                    Process build = new ProcessBuilder(maven, "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                            "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + classpath)
                            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
                        Files.deleteIfExists(classpath);
                        throw new IllegalStateException("could not build solr-dev/: see " + log);
                    }
                    // Built now: the plugin leaves a class path that did not change as it was, older than
                    // the source just compiled, and every later test JVM built solr-dev again.
                    Files.setLastModifiedTime(classpath, FileTime.fromMillis(System.currentTimeMillis()));
                }
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process started = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // Solr's metrics, off in a test cluster by default: a test counts the searches a collection was asked.
                "-DmetricsEnabled=true",
                // Without the Overseer's queue, which made each collection 0.3 s slower (LocalSolrCloud).
                "-Ddossier.solr.without-overseer=true", "-cp",
                project.resolve("target/classes") + File.pathSeparator + Files.readString(classpath).strip(),
                "org.dossier.solrdev.LocalSolrCloud", "--stdin", data.toString()))
                .redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (ZK_ADDRESS.matcher(line.strip()).matches()) {
                return new Launched(started, line.strip(), lines);
            }
            seen.append(line).append('\n');
        }
        started.destroyForcibly();
        throw new IllegalStateException("the test SolrCloud did not start:\n" + seen);
    }

    /**
     * A cluster's child JVM as this JVM talks to it: its output read on a thread of its own (so that it
     * never blocks on a full pipe), its answers to the commands written on its standard input
     * ({@code LocalSolrCloud --stdin}), and its last lines, said when a command fails.
     */
    private static final class Console {

        private static final Pattern ANSWER = Pattern.compile("(done|failed) (stop|start|expire)-[a-z]+( [0-9a-f]+)?.*$");
        private final Process process;
        private final java.util.concurrent.BlockingQueue<String> answers = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();

        Console(Launched launched, String name) {
            this.process = launched.process();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = launched.lines().readLine()) != null) {
                        // An answer, which the cluster's own log may have begun on the same line.
                        java.util.regex.Matcher answer = ANSWER.matcher(line);
                        if (answer.find()) {
                            answers.add(answer.group());
                        }
                        synchronized (recent) {
                            recent.addLast(line);
                            if (recent.size() > 40) {
                                recent.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the cluster stopped
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Asks the cluster to do {@code command} and waits until it is done; one command at a time. */
        synchronized void ask(String command) {
            try {
                process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
                String answer = answers.poll(2, TimeUnit.MINUTES);
                if (!("done " + command).equals(answer)) {
                    synchronized (recent) {
                        throw new IllegalStateException("the test SolrCloud did not " + command + ": " + answer
                                + "; its last lines:\n" + String.join("\n", recent));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A SolrCloud of a test class's own (ZooKeeper and two Solr nodes), whose parts the class may stop
     * and start again, as outages do: the shared cluster serves other classes running meanwhile.
     * About 5 s to start: one per class, its collections made as the class needs them.
     */
    public static final class Own implements AutoCloseable {

        private final Path data;
        private final Launched launched;
        private final SolrAddress.Ensemble ensemble;
        private final Console console;
        /**
         * ZooKeeper was stopped for good: the nodes' orderly shutdown would wait out their ZooKeeper
         * client's timeouts (the whole 20 s the close gave it, then killed anyway), for a cluster
         * whose folder is deleted next.
         */
        private volatile boolean zooKeeperStopped;
        /** The Solr nodes stopped and not started again, by their index. */
        private final java.util.Set<Integer> nodesStopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private Own(Path data, Launched launched) {
            this.data = data;
            this.launched = launched;
            this.ensemble = SolrAddress.Ensemble.parse(launched.zk());
            this.console = new Console(launched, "solr-own-log");
        }

        public static Own start() {
            try {
                Path data = Files.createTempDirectory("dossier-solr-own");
                return new Own(data, launch(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** A new, empty collection of {@code shards} shards of {@code replicas} replicas each. */
        public SolrAddress freshCollection(int shards, int replicas) {
            SolrAddress address = ensemble.collection("own_" + COLLECTIONS.incrementAndGet());
            try {
                SolrSetup.create(address, shards, replicas);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return address;
        }

        /** Stops Solr node {@code index} (0 or 1), as a machine that goes down. */
        public void stopNode(int index) {
            console.ask("stop-node " + index);
            nodesStopped.add(index);
        }

        /** Starts node {@code index} again, on its old port. */
        public void startNode(int index) {
            console.ask("start-node " + index);
            nodesStopped.remove(index);
        }

        /**
         * Starts ZooKeeper and the nodes again if a test stopped them and did not (it failed on the
         * way): the class's next test finds the cluster whole, and fails only for what it checks.
         */
        public void startWhatIsStopped() {
            if (zooKeeperStopped) {
                startZooKeeper();
            }
            for (int index : List.copyOf(nodesStopped)) {
                startNode(index);
            }
        }

        public void stopZooKeeper() {
            console.ask("stop-zk");
            zooKeeperStopped = true;
        }

        /** Starts ZooKeeper again, on its old port, with what it held. */
        public void startZooKeeper() {
            console.ask("start-zk");
            zooKeeperStopped = false;
        }

        @Override
        public void close() {
            if (zooKeeperStopped) {
                launched.process().destroyForcibly();
                try {
                    launched.process().waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                stopProcess(launched.process());
            }
            TestCatalogue.deleteRecursively(data);
        }
    }

    /**
     * Whether {@code classpath}, written last by the build, is newer than solr-dev's pom and every
     * source file: the PostgreSQL run of the suite then starts the cluster without a second Maven.
     */
    private static boolean builtSince(Path classpath, Path project) throws IOException {
        if (!Files.isRegularFile(classpath) || !Files.isDirectory(project.resolve("target/classes"))) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(classpath);
        try (Stream<Path> sources = Stream.concat(Stream.of(project.resolve("pom.xml")), Files.walk(project.resolve("src")))) {
            return sources.filter(Files::isRegularFile).allMatch(source -> {
                try {
                    return Files.getLastModifiedTime(source).compareTo(built) < 0;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static void stop() {
        stopProcess(process);
        if (data != null) {
            TestCatalogue.deleteRecursively(data);
        }
    }

    private static void stopProcess(Process process) {
        if (process != null && process.isAlive()) {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
