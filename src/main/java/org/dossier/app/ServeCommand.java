package org.dossier.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import org.dossier.documents.Archive;
import org.dossier.importing.ImportRejectedException;
import org.dossier.ops.LogFormat;
import org.dossier.ops.OperationsSettings;
import org.dossier.web.PublicUrl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the catalogue over HTTP. On first start, with an empty database, "
                + "imports the seed pages.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption databaseOption;

    /** A node's writes wait less than a command's: an editor is told, rather than left with a page that hangs. */
    @Mixin
    WriteWaitOption writeWaitOption = new WriteWaitOption(WriteWait.SERVER);

    @Spec
    CommandSpec spec;

    @Option(names = "--index", paramLabel = "DIR",
            description = "This node's own search index folder (default: beside a SQLite file, data/dossier.db has "
                    + "data/dossier.index/; with PostgreSQL, data/dossier.index). Each node of several keeps its own.")
    Path index;

    @Option(names = "--search", paramLabel = "ENGINE", converter = SearchChoice.Converter.class,
            description = SearchChoice.HELP)
    SearchChoice search = SearchChoice.EMBEDDED;

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: ${DEFAULT-VALUE}).")
    int port = Settings.DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--seeds", paramLabel = "DIR",
            description = "Seed pages imported when the database is empty (default: ${DEFAULT-VALUE}).")
    Path seeds = Settings.DEFAULT_SEEDS;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The address readers use, for permalinks behind a proxy "
                    + "(default: taken from each request).")
    String publicUrl;

    @Option(names = "--archive-name", paramLabel = "NAME",
            description = "The repository named in citations and to harvesters (default: ${DEFAULT-VALUE}).")
    String archiveName = Archive.DEFAULT.name();

    @Option(names = "--admin-email", paramLabel = "ADDRESS",
            description = "The address OAI-PMH harvesters are given to write to (default: ${DEFAULT-VALUE}).")
    String adminEmail = Archive.DEFAULT.adminEmail();

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", arity = "1..*", split = ",",
            description = "IP addresses of reverse proxies whose X-Forwarded-For names the client "
                    + "(default: none; the connection's address is the client).")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--allowed-host", paramLabel = "NAME", arity = "1..*", split = ",",
            description = "Host names the site answers to; any other Host header gets 400 (default: any valid name).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--search-limit", paramLabel = "N",
            description = "Requests a minute one client may make to /search and its exports; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}). Counted per node.")
    int searchLimit = Protection.DEFAULT_SEARCH_LIMIT;

    @Option(names = "--max-searches", paramLabel = "N",
            description = "How many searches and exports may run at once on this node (a search page counts until "
                    + "it is rendered); past that, after --search-wait, a search gets 503 with Retry-After "
                    + "(default: 6 per processor, ${DEFAULT-VALUE} here).")
    int maxSearches = Protection.DEFAULT_MAX_SEARCHES;

    @Option(names = "--search-wait", paramLabel = "MILLISECONDS",
            description = "How long a search waits for one of --max-searches to be free (default: ${DEFAULT-VALUE}).")
    long searchWait = Protection.DEFAULT_SEARCH_WAIT.toMillis();

    @Option(names = "--max-exports", paramLabel = "N",
            description = "How many search exports (/search.csv, .ris, .bib) may be written at once on this node, "
                    + "their records read included; past that, after --export-wait, an export gets 503 with Retry-After "
                    + "(default: 1 per 2 processors, at least 1, ${DEFAULT-VALUE} here).")
    int maxExports = Protection.DEFAULT_MAX_EXPORTS;

    @Option(names = "--export-wait", paramLabel = "MILLISECONDS",
            description = "How long an export waits for one of --max-exports to be free (default: ${DEFAULT-VALUE}).")
    long exportWait = Protection.DEFAULT_EXPORT_WAIT.toMillis();

    @Option(names = "--export-nice", paramLabel = "N",
            description = "The nice value (1 to 19) of the threads that write search exports, so that the system runs "
                    + "the other requests first when both want a processor (Linux); 0 writes each export on its "
                    + "request's thread, at the node's priority (default: ${DEFAULT-VALUE}).")
    int exportNice = Protection.DEFAULT_EXPORT_NICE;

    @Option(names = "--kept-answers", paramLabel = "MB",
            description = "What the answers kept to answer the same search again until the next change may weigh "
                    + "in memory: the embedded index's, with the counts under a search's words alone or one facet "
                    + "value alone (a third of it) and records' related records (a twelfth), or those of a SolrCloud "
                    + "collection at one position of the change feed, with records' related records and the "
                    + "suggestions offered for a text (a twenty-fourth each); the search pages rendered from "
                    + "those answers, gzipped, may weigh three eighths of it more, beside it; "
                    + "0 keeps none, so that every search is counted as if asked for the first time on a new snapshot "
                    + "(from the segments' own tallies where a count has them) "
                    + "(default: an eighth of the heap (-Xmx), at least 64: ${DEFAULT-VALUE} here).")
    int keptAnswersMb = Protection.DEFAULT_KEPT_ANSWERS_MB;

    @Option(names = "--server-timing", description = "Send Server-Timing headers on search and record pages (for measuring).")
    boolean serverTiming;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Serve Prometheus metrics at /metrics on this port (default: off).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            description = "The address the metrics port listens on (default: ${DEFAULT-VALUE}).")
    String metricsHost = OperationsSettings.DEFAULT.metricsHost();

    @Option(names = "--max-index-lag", paramLabel = "N",
            description = "How many changes the search index may be behind the database and /ready still "
                    + "say ready; further behind, it says ready while it is seen catching up (default: ${DEFAULT-VALUE}).")
    long maxIndexLag = OperationsSettings.DEFAULT_MAX_INDEX_LAG;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            description = "On SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    long shutdownGrace = OperationsSettings.DEFAULT_SHUTDOWN_GRACE.toSeconds();

    @Option(names = "--shutdown-delay", paramLabel = "SECONDS",
            description = "On SIGTERM, how long the node goes on serving while /ready says 503, before it stops "
                    + "taking requests: longer than the load balancer takes to notice (its health check's interval "
                    + "times its unhealthy threshold), so that no reader's connection is refused. Add it to the "
                    + "time the process manager allows a stop (default: ${DEFAULT-VALUE}).")
    long shutdownDelay = 0;

    @Option(names = "--warm-up", paramLabel = "N",
            description = "How many requests of its own (searches, browses, record pages drawn from the catalogue) "
                    + "the node asks, on every processor, before /ready says it is ready: a node put into rotation "
                    + "cold turns readers away while the JIT compiles. They are not logged, not counted as readers' "
                    + "and not held to --search-limit. 0 for none (default: ${DEFAULT-VALUE}).")
    int warmUp = OperationsSettings.DEFAULT_WARM_UP_REQUESTS;

    @Option(names = "--warm-up-limit", paramLabel = "SECONDS",
            description = "How long the warm-up may take; past that the node is ready with what it asked "
                    + "(default: ${DEFAULT-VALUE}).")
    long warmUpLimit = OperationsSettings.DEFAULT_WARM_UP_LIMIT.toSeconds();

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text or json: one JSON object a log line (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat = LogFormat.text;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        logFormat.apply();
        // Set before the start: a SIGTERM while the database opens, the seeds are imported or the index
        // opens (minutes, on a first start or a rebuild) ended the process without a word, and one
        // just after it the stop hook was set too late for ("Shutdown in progress").
        Stop stop = new Stop();
        Thread hook = new Thread(stop::run, "dossier-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DossierApp app = null;
        try {
            OperationsSettings operating = new OperationsSettings(metricsPort, metricsHost, maxIndexLag,
                    Duration.ofSeconds(shutdownGrace), warmUp, Duration.ofSeconds(warmUpLimit),
                    Duration.ofSeconds(shutdownDelay));
            // Each checked in the order the options were always checked in, the port last: the first refused is said.
            PublicUrl site = publicUrl == null ? PublicUrl.fromRequests() : PublicUrl.fixed(publicUrl);
            Archive archive = new Archive(archiveName, adminEmail);
            Protection protection = Protection.DEFAULTS.withTrustedProxies(trustedProxies).withAllowedHosts(allowedHosts)
                    .withSearchLimit(searchLimit).withServerTiming(serverTiming)
                    .withSearches(maxSearches, Duration.ofMillis(searchWait)).withKeptAnswersMb(keptAnswersMb)
                    .withExports(maxExports, Duration.ofMillis(exportWait)).withExportNice(exportNice);
            WriteWait writeWait = writeWaitOption.writeWait();
            Settings settings = Settings.of(database, host, port).withSeeds(seeds).withPublicUrl(site).withArchive(archive)
                    .withProtection(protection).withIndex(index).withSearch(search).withWriteWait(writeWait);
            app = DossierApp.start(settings, operating, stop);
        } catch (IllegalArgumentException e) {
            // A value the settings refuse, which may come from the environment rather than the command line.
            CommandLine line = spec.commandLine();
            line.getErr().println("dossier serve: " + e.getMessage() + Main.fromTheEnvironment(e.getMessage(), line));
            return 2;
        } catch (StartupProblem e) {
            // One line that says what to do; the cause is no news to the person starting the server.
            System.err.println("dossier serve: " + e.getMessage());
            return 1;
        } catch (ImportRejectedException e) {
            // The first start's import of the seed pages, all-or-nothing: what to fix, file:line by line.
            System.err.println("dossier serve: the seed pages in " + seeds + " were not imported (nothing was), "
                    + "so the server did not start:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return 1;
        } catch (IOException e) {
            System.err.println("dossier serve: " + e.getMessage());
            return 1;
        } finally {
            if (app == null) {
                stop.over(null);
                forget(hook); // it said why: a stop, as the process exits, has nothing to add
            }
        }
        if (!stop.over(app)) {
            return 0; // stopped while it started: the hook has said so (or closes the app), and the process is ending
        }
        String serving = "Dossier is serving " + database + " at http://" + displayHost() + ":" + app.port() + "/";
        if (logFormat == LogFormat.json) {
            // Every line of a JSON log is one JSON object: a collector reading it chokes on bare text.
            org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info(serving);
        } else {
            System.out.println(serving);
        }
        stop.await();
        return 0;
    }

    /**
     * The stop hook's side of a start: before the app is started, a SIGTERM says in one line what it
     * interrupted ({@link StartPhase}) and lets the process end, closing nothing that the start's
     * thread may still be using (the database an import holds, an index being opened) but its port,
     * once open, whose requests in flight it lets finish first; once started, it closes the app as a
     * stop while serving does, and so it does once the start is READY (the node may say it is ready
     * before the start returns), waiting for it to return. Which of the two is settled under one
     * lock, so that the app is closed once or not at all.
     */
    private static final class Stop implements StartPhase.Watch {

        /** How long a stop waits for a start that is READY to finish (it has a thread or two to start). */
        private static final Duration LAST_STEPS = Duration.ofSeconds(30);

        private final CountDownLatch stopped = new CountDownLatch(1);
        private StartPhase phase = StartPhase.DATABASE;
        private DossierApp listening;
        private DossierApp app;
        private boolean over;
        private boolean stopping;

        /**
         * Once a stop has begun, the start goes no further than this phase: while the port drains, a
         * start that went on reached READY on a server already stopped, or an import kept what the
         * stop's line said was not. The process ends meanwhile.
         */
        @Override
        public synchronized void phase(StartPhase now) {
            phase = now;
            while (stopping) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public synchronized void listening(DossierApp app) {
            listening = app;
        }

        /**
         * The start is over: {@code started}, or null when it failed (and said why). False when a stop
         * came first: the process is ending, and the hook closes the app if it waited for it.
         */
        synchronized boolean over(DossierApp started) {
            app = started;
            over = true;
            notifyAll();
            return !stopping;
        }

        void run() {
            StartPhase began;
            DossierApp draining;
            synchronized (this) {
                stopping = true;
                began = phase;
                draining = over || began == StartPhase.READY ? null : listening;
            }
            if (draining != null) {
                draining.stopTakingRequests();
            }
            DossierApp running;
            StartPhase during;
            boolean failed;
            synchronized (this) {
                long until = System.nanoTime() + LAST_STEPS.toNanos();
                while (!over && began == StartPhase.READY && System.nanoTime() < until) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                running = app;
                during = phase;
                failed = over && app == null;
            }
            if (running != null) {
                running.close();
            } else if (!failed) {
                org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info(during.stopped());
            }
            // Last: the JVM's hooks run at once, and logback's own stopped the log while this one was
            // still stopping, losing every line of the stop (org.dossier.ops.LogSetup).
            LogFormat.close();
            stopped.countDown();
        }

        void await() throws InterruptedException {
            stopped.await();
        }
    }

    /** A hook no longer wanted (its start failed), unless the process is already ending and running it. */
    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // a SIGTERM came during the start: the hook says what it interrupted
        }
    }

    private String displayHost() {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
