import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many readers at once, as an archive's logs show them: a replay of a generated query log at fixed
 * arrival rates, open-loop (requests leave on a schedule, whether or not earlier ones have been
 * answered, so a slow server cannot slow its own load down and hide its queue). Latency is counted
 * from the moment a request was due, not from when it left. Run with the JDK alone:
 *
 * <pre>java bench/LoadBenchmark.java http://127.0.0.1:7070 [seconds per rate] [rate,rate,...]</pre>
 *
 * The mix (drawn with a fixed seed, so every run replays the same log): 25 % words (Zipf over the
 * corpus's words, one in four a quoted phrase), 30 % facet-only browsing (one or two facet values,
 * the popular ones more often), 20 % words with filters, 5 % deep pages (page 20 to 50), 19 % record
 * pages, 1 % small exports (CSV of a word with a person, a type and a year: at 1M a few thousand
 * rows, a second or two of a core each). For each rate it prints the
 * requests sent, answered (2xx/3xx, and a deep page's 404 past a search's last hit), turned away
 * (503), failed, and the latency percentiles; the rates take the log one after the other, each
 * where the one before stopped; last,
 * the highest rate held with a p99 of at most 100 ms and nothing failed or turned away, and the
 * highest rate with every rate asked at or below it held (the two differ when a lower rate missed). The
 * environment variable WARM_UP sets the seconds of the warm-up before the first rate (default 10,
 * or the seconds per rate if fewer), at the first rate or 50 req/s, whichever is lower: a short
 * warm-up, after which the node is still compiling (the first rates measure that too). The
 * environment variable WARM_UP_REQUESTS instead warms the node to a steady state: the warm-up log's
 * first N requests, asked by WARM_UP_CLIENTS clients (default 4) as fast as the node answers; with
 * SERVER_PID (the node's process, on this machine) it prints, each tenth of the way, the node's
 * processor time and its JIT compiler's share of it, to show the compiling had died down. With the environment variable BY_KIND set, each rate's row is
 * preceded by one per kind of request (its latencies only; a 503 counts as answered there), to see
 * which kind a queue comes from, and by what makes the slowest 1 % slow ({@link #printTail}): their
 * kinds, whether they waited beside an export, the requests in flight when they were due, this
 * client's own processor time and the node's (SERVER_PID) over the rate, and the node's collector. Every timed request says {@code Accept-Encoding} as Chromium
 * does, so the server compresses what it would compress for a reader's browser. The environment
 * variable CLIENT chooses what sends them: {@code plain} (the default, {@link PlainHttp}) or
 * {@code jdk} (the JDK's HttpClient, as before 2026-12-07).
 *
 * <pre>java bench/LoadBenchmark.java http://127.0.0.1:7070 --paths N [warm-up]</pre>
 *
 * prints the timed rates' log's first N paths, one a line (with {@code warm-up}, the warm-up's log's).
 *
 * <pre>java bench/LoadBenchmark.java http://127.0.0.1:7070 --warm N</pre>
 *
 * asks only that steady warm-up, N requests (before a profile of a steady node).
 *
 * <pre>java bench/LoadBenchmark.java http://127.0.0.1:7070 --cpu SERVER_PID [requests per kind] [warm-up seconds]</pre>
 *
 * instead measures the server's CPU per request of each kind (user + system time of the server's
 * process from /proc/PID/stat, so the server must run on this machine): after the same warm-up, the
 * mix's own requests of one kind at a time (drawn from the same seeded log), one at a time.
 */
public class LoadBenchmark {

    /** Words of the seed pages, hence of generated records, most frequent first (the Zipf ranks). */
    private static final List<String> WORDS = List.of("soviet", "korea", "stalin", "chinese", "korean", "china",
            "military", "telegram", "mao", "kim", "government", "war", "party", "letter", "north", "conversation",
            "american", "talks", "relations", "economic", "delegation", "meeting", "leadership", "armistice",
            "negotiations", "forces", "support", "situation", "ussr", "moscow", "army", "treaty", "aid", "agreement",
            "visit", "question", "assistance", "position", "report", "information", "ambassador", "committee",
            "central", "soviets", "request", "prisoners", "republic", "telegrams", "letters", "meetings");

    private static final List<String> PHRASES = List.of("north korea", "kim il sung", "soviet union", "mao zedong",
            "central committee", "korean war", "soviet government", "chinese people's volunteers");

    /** The warm-up's log is drawn with this seed, the timed rates' with another: a rate is not asked what warmed the node. */
    private static final long WARM_UP_SEED = 7;

    private static final Pattern FACET = Pattern.compile("\"(type|person|place)\":\\[(.*?)\\]");
    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).executor(Executors.newFixedThreadPool(64)).build();
    /**
     * What sends the timed requests: {@link PlainHttp} (CLIENT=plain, the default), or the JDK's
     * client (CLIENT=jdk, every figure in BENCHMARKS.md before 2026-12-07). The JDK's asynchronous
     * client took 1.5-1.9 ms of this machine's processor a request, 0.28-0.40 of its two cores at
     * 200-300 req/s, time the node beside it did not get; the plain one 0.3-0.4 ms, 0.07-0.09 cores
     * (BENCHMARKS.md, "The load client's own share of the machine").
     */
    private final PlainHttp plain;
    private final String base;
    private final List<String> types = new ArrayList<>();
    private final List<String> people = new ArrayList<>();
    private final List<String> places = new ArrayList<>();
    private long records;

    LoadBenchmark(String base) {
        this.base = base.replaceAll("/+$", "");
        String which = System.getenv().getOrDefault("CLIENT", "plain");
        if (!which.equals("jdk") && !which.equals("plain")) {
            throw new IllegalArgumentException("CLIENT: '" + which + "' is neither jdk nor plain");
        }
        this.plain = which.equals("plain") ? new PlainHttp(URI.create(this.base)) : null;
    }

    /** A timed request of the load, as a browser asks it; its status once answered. */
    private CompletableFuture<Integer> ask(String path) {
        if (plain != null) {
            return plain.ask(path);
        }
        return client.sendAsync(asABrowserAsks(path), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /**
     * The same, waited for. With {@link PlainHttp}, on its threads too: the warm-up then opens their
     * connections and compiles the client's own code, which a first timed rate would otherwise pay for.
     */
    private int askNow(String path) throws Exception {
        if (plain != null) {
            return plain.ask(path).get();
        }
        return client.send(asABrowserAsks(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static void main(String[] args) throws Exception {
        // Java 17's client keeps an idle connection 1,200 s; Jetty closes one after 30 s idle, and a
        // request sent on a connection as Jetty closes it would fail. Kept under Jetty's: but the one
        // failure in ~17,000 ("header parser received no bytes", BENCHMARKS.md) came again with it,
        // mid-rate, so that race was not its cause (not found yet).
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        if (args.length < 1) {
            System.err.println("usage: java bench/LoadBenchmark.java BASE_URL [seconds per rate] [rate,rate,...]");
            System.exit(2);
        }
        if (args.length > 2 && args[1].equals("--paths")) {
            // The log's first N requests, one path a line: to replay them against two builds and compare the answers.
            // With "warm-up" after N, the warm-up's log (--warm's and WARM_UP_REQUESTS'), not the timed rates'.
            LoadBenchmark bench = new LoadBenchmark(args[0]);
            bench.learnCatalogue();
            Random random = new Random(args.length > 3 && args[3].equals("warm-up") ? WARM_UP_SEED : 1950);
            for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                System.out.println(bench.next(random).path());
            }
            System.exit(0);
        }
        if (args.length > 2 && args[1].equals("--warm")) {
            // The steady warm-up alone, for a profile of a steady node (bench/mix-attribution.sh).
            LoadBenchmark bench = new LoadBenchmark(args[0]);
            bench.learnCatalogue();
            bench.warmUntilSteady(Integer.parseInt(args[2]), warmUpClients(), serverPid());
            System.exit(0);
        }
        if (args.length > 2 && args[1].equals("--cpu")) {
            LoadBenchmark bench = new LoadBenchmark(args[0]);
            bench.learnCatalogue();
            // A longer warm-up than the load's: the JIT's compiling would otherwise count as requests' CPU.
            bench.run(20, args.length > 4 ? Integer.parseInt(args[4]) : 30, new Random(WARM_UP_SEED));
            bench.cpuPerKind(Long.parseLong(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 100);
            System.exit(0);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] rates = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {25, 50, 100, 200, 400, 800};
        LoadBenchmark bench = new LoadBenchmark(args[0]);
        bench.learnCatalogue();
        System.out.printf(Locale.ROOT, "%d records; %d types, %d people, %d places to browse; %d s per rate%n",
                bench.records, bench.types.size(), bench.people.size(), bench.places.size(), seconds);
        // Warm the server's caches and JIT with the same mix at a modest rate, then measure. WARM_UP
        // (seconds) sets how long: the JIT compiles the hot paths for a minute or so on one of the two
        // cores, and a short warm-up leaves that to the first rate.
        // WARM_UP_REQUESTS instead warms the node to a steady state (warmUntilSteady).
        String warmUp = System.getenv("WARM_UP");
        String warmUpRequests = System.getenv("WARM_UP_REQUESTS");
        if (warmUpRequests != null) {
            bench.warmUntilSteady(Integer.parseInt(warmUpRequests), warmUpClients(), serverPid());
        } else if (warmUp == null || Integer.parseInt(warmUp) > 0) {
            // WARM_UP=0: none (a node warmed before, by --warm): a rate of no requests has no slowest 1 % to print.
            bench.run(Math.min(rates[0], 50), warmUp == null ? Math.min(seconds, 10) : Integer.parseInt(warmUp), new Random(WARM_UP_SEED));
        }
        System.out.println("| rate (req/s) | sent | answered | 503 | failed | median ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int held = 0;
        java.util.TreeMap<Integer, Boolean> heldByRate = new java.util.TreeMap<>();
        // One log for all the rates, each taking up where the one before stopped: replaying the log
        // from its start at every rate would ask each later rate what the earlier ones had asked, so
        // that it found those searches' answers kept and looked cheaper than it is. The log's
        // popular words still come again at every rate, as they do in an archive's logs.
        Random log = new Random(1950);
        for (int rate : rates) {
            Outcome outcome = bench.run(rate, seconds, log);
            System.out.println(outcome.row(rate));
            boolean heldThisRate = outcome.failed() == 0 && outcome.refused() == 0 && outcome.percentile(99) <= 100;
            heldByRate.merge(rate, heldThisRate, Boolean::logicalAnd);
            if (heldThisRate) {
                held = Math.max(held, rate);
            }
        }
        // A node that misses a lower rate and then holds a higher one (the JIT still compiling, the
        // machine busy for a moment) has not shown it holds everything below: the second figure is
        // the highest rate with every rate asked at or below it held.
        int heldThroughout = 0;
        for (var rateHeld : heldByRate.entrySet()) {
            if (!rateHeld.getValue()) {
                break;
            }
            heldThroughout = rateHeld.getKey();
        }
        System.out.println(held == 0 ? "No rate was held with p99 <= 100 ms."
                : "Highest rate held with p99 <= 100 ms, none failed or turned away: " + held + " req/s");
        System.out.println(heldThroughout == 0 ? "The lowest rate asked was not held."
                : "Highest rate with every rate at or below it held: " + heldThroughout + " req/s");
        System.exit(0);
    }

    private void learnCatalogue() throws Exception {
        String json = get("/search.json?pageSize=1").body();
        Matcher total = TOTAL.matcher(json);
        records = total.find() ? Long.parseLong(total.group(1)) : 0;
        Matcher facets = FACET.matcher(json);
        while (facets.find()) {
            List<String> into = switch (facets.group(1)) {
                case "type" -> types;
                case "person" -> people;
                default -> places;
            };
            Matcher values = VALUE.matcher(facets.group(2));
            while (values.find()) {
                into.add(values.group(1));
            }
        }
        if (records == 0 || types.isEmpty() || people.isEmpty() || places.isEmpty()) {
            throw new IllegalStateException("the catalogue at " + base + " has no records or no facets");
        }
    }

    /** The kinds of request in the mix, each reported on its own line as well. */
    private enum Kind { WORDS, FACETS, WORDS_AND_FILTERS, DEEP_PAGE, RECORD_PAGE, EXPORT }

    private record Request(Kind kind, String path) {
    }

    /** One request of the mix. */
    private Request next(Random random) {
        double kind = random.nextDouble();
        if (kind < 0.25) {
            return new Request(Kind.WORDS, "/search?q=" + words(random));
        }
        if (kind < 0.55) {
            String path = "/search?" + facet(random);
            return new Request(Kind.FACETS, random.nextBoolean() ? path + "&" + facet(random) : path);
        }
        if (kind < 0.75) {
            return new Request(Kind.WORDS_AND_FILTERS, "/search?q=" + words(random) + "&" + facet(random)
                    + (random.nextBoolean() ? "&from=" + (1945 + random.nextInt(10)) + "&to=" + (1955 + random.nextInt(10)) : ""));
        }
        if (kind < 0.80) {
            return new Request(Kind.DEEP_PAGE, "/search?q=" + encode(zipf(WORDS, random)) + "&page=" + (20 + random.nextInt(31)));
        }
        if (kind < 0.99) {
            return new Request(Kind.RECORD_PAGE, "/documents/" + (1 + random.nextInt((int) Math.min(records, Integer.MAX_VALUE))));
        }
        // A reader's export: a word, a person, a type and one year (a whole decade of "soviet" and
        // Stalin at 1M is some 100,000 rows, a bulk download rather than a reader's list).
        int year = 1945 + random.nextInt(20);
        return new Request(Kind.EXPORT, "/search.csv?q=" + encode(zipf(WORDS, random)) + "&person=" + encode(zipf(people, random))
                + "&type=" + encode(zipf(types, random)) + "&from=" + year + "&to=" + year);
    }

    private static String words(Random random) {
        if (random.nextInt(4) == 0) {
            return encode("\"" + zipf(PHRASES, random) + "\"");
        }
        String words = zipf(WORDS, random);
        return encode(random.nextInt(3) == 0 ? words + " " + zipf(WORDS, random) : words);
    }

    private String facet(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "type=" + encode(zipf(types, random));
            case 1 -> "person=" + encode(zipf(people, random));
            default -> "place=" + encode(zipf(places, random));
        };
    }

    /** An element of {@code ranked}, the k-th with a weight of 1/k. */
    private static String zipf(List<String> ranked, Random random) {
        double norm = 0;
        for (int k = 1; k <= ranked.size(); k++) {
            norm += 1.0 / k;
        }
        double target = random.nextDouble() * norm;
        for (int k = 1; k <= ranked.size(); k++) {
            target -= 1.0 / k;
            if (target <= 0) {
                return ranked.get(k - 1);
            }
        }
        return ranked.get(ranked.size() - 1);
    }

    /** For each kind, its next {@code count} requests of the seeded log, one at a time, and the server's CPU for them. */
    private void cpuPerKind(long pid, int perKind) throws Exception {
        System.out.println("| kind | requests | server CPU per request, ms | wall per request, median ms |");
        System.out.println("|---|---:|---:|---:|");
        for (Kind kind : Kind.values()) {
            // Exports are a second or more each, and 1 % of the mix: a tenth as many of them.
            int count = kind == Kind.EXPORT ? Math.max(1, perKind / 10) : perKind;
            Random random = new Random(1950);
            List<String> paths = new ArrayList<>();
            while (paths.size() < count) {
                Request request = next(random);
                if (request.kind() == kind) {
                    paths.add(request.path());
                }
            }
            long[] walls = new long[count];
            long before = cpuTicks(pid);
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                int status = askNow(paths.get(i));
                walls[i] = System.nanoTime() - started;
                if (status >= 500) {
                    throw new IllegalStateException(status + " for " + paths.get(i));
                }
            }
            long ticks = cpuTicks(pid) - before;
            Arrays.sort(walls);
            // Clock ticks are hundredths of a second on Linux.
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.1f |%n", kind.name().toLowerCase(Locale.ROOT), count,
                    ticks * 10.0 / count, walls[count / 2] / 1e6);
        }
    }

    private static int warmUpClients() {
        String clients = System.getenv("WARM_UP_CLIENTS");
        return clients == null ? 4 : Integer.parseInt(clients);
    }

    /** SERVER_PID, the node's process on this machine, to follow its compiler; 0 when not given. */
    private static long serverPid() {
        String pid = System.getenv("SERVER_PID");
        return pid == null ? 0 : Long.parseLong(pid);
    }

    /**
     * The steady warm-up: the mix's first {@code count} requests of the warm-up's log, asked by
     * {@code clients} clients each waiting for its answer (closed-loop: as fast as the node answers,
     * never a queue). A node a few thousand requests in is still compiling the mix's code (the JIT's
     * threads were four tenths of its processor time 10,000 requests in, BENCHMARKS.md), which a node
     * serving for hours has done; the rates measured after this warm-up are the steady node's. With
     * {@code pid}, each tenth of the warm-up prints the node's processor time and its JIT's: its
     * compiler threads' (from /proc, the threads alive then: the JVM ends idle compiler threads, and
     * their time with them) and the methods compiled and time spent compiling ({@code jstat
     * -compiler}), so that the printout shows whether the compiling had died down by its end.
     */
    private void warmUntilSteady(int count, int clients, long pid) throws Exception {
        Random random = new Random(WARM_UP_SEED);
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(next(random).path());
        }
        System.out.printf(Locale.ROOT, "Warm-up: the mix's %,d requests, %d clients each waiting for its answer%n", count, clients);
        System.out.println("| requests | req/s | node CPU s | JIT threads CPU s | JIT share | methods compiled | compiling s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = taken.getAndIncrement(); i < count; i = taken.getAndIncrement()) {
                    try {
                        if (askNow(paths.get(i)) >= 500) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    answered.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        int tenth = Math.max(1, count / 10);
        long[] before = pid == 0 ? null : compilerReading(pid);
        long since = System.nanoTime();
        int from = 0;
        while (from < count) {
            int to = Math.min(count, from + tenth);
            while (answered.get() < to) {
                Thread.sleep(50);
            }
            long now = System.nanoTime();
            double perSecond = (to - from) / ((now - since) / 1e9);
            if (pid == 0) {
                System.out.printf(Locale.ROOT, "| %,d | %.0f | | | | | |%n", to, perSecond);
            } else {
                long[] reading = compilerReading(pid);
                double node = (reading[0] - before[0]) / 100.0;
                double jit = (reading[1] - before[1]) / 100.0;
                System.out.printf(Locale.ROOT, "| %,d | %.0f | %.1f | %.1f | %.0f %% | %d | %.1f |%n", to, perSecond, node, jit,
                        node == 0 ? 0 : 100 * jit / node, reading[2] - before[2], (reading[3] - before[3]) / 1000.0);
                before = reading;
            }
            since = now;
            from = to;
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "Warm-up done: %d failed or 5xx (503 included)%n", failed.get());
    }

    /**
     * The node's processor time and its compiler threads' (clock ticks), the methods it has compiled
     * and its milliseconds compiling ({@code jstat -compiler}: Compiled, then Time in seconds).
     */
    private static long[] compilerReading(long pid) throws Exception {
        long jit = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    // "C2 CompilerThre" and "C1 CompilerThre": the kernel keeps 15 characters of a name.
                    if (java.nio.file.Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        jit += ticksOf(task.resolve("stat"));
                    }
                } catch (java.io.IOException ended) {
                    // The thread ended between the listing and the reading: its time went with it.
                }
            }
        }
        Process jstat = new ProcessBuilder("jstat", "-compiler", String.valueOf(pid)).redirectErrorStream(true).start();
        String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
        jstat.waitFor();
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        return new long[] {cpuTicks(pid), jit, Long.parseLong(values[0]),
                Math.round(Double.parseDouble(values[3]) * 1000)};
    }

    /** The process's user and system time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        return ticksOf(java.nio.file.Path.of("/proc/" + pid + "/stat"));
    }

    /** The user and system time in a /proc stat file, a process's or a thread's, in clock ticks. */
    private static long ticksOf(java.nio.file.Path statFile) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private Outcome run(int rate, int seconds, Random random) throws Exception {
        int count = rate * seconds;
        long[] latencies = new long[count];
        Kind[] kinds = new Kind[count];
        boolean[] turnedAway = new boolean[count];
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long[] cpuBefore = {cpuTicks(ProcessHandle.current().pid()), serverPid() == 0 ? 0 : cpuTicks(serverPid())};
        double[] gcBefore = serverPid() == 0 ? null : gcReading(serverPid());
        long wallBefore = System.nanoTime();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            int n = i;
            Request request = next(random);
            String path = request.path();
            kinds[n] = request.kind();
            long due = start + n * intervalNanos;
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            clock.schedule(() -> ask(path)
                    .whenComplete((status, error) -> {
                        latencies[n] = System.nanoTime() - due;
                        // A deep page past a search's last hit is a 404, an answer: the log cannot know how
                        // many hits a word has. Any other 4xx is a request the log got wrong, a failure.
                        boolean answeredNotFound = status != null && status == 404
                                && request.kind() == Kind.DEEP_PAGE;
                        if (error != null || status >= 500 && status != 503
                                || status >= 400 && status < 500 && !answeredNotFound) {
                            if (failed.incrementAndGet() <= 5) {
                                System.out.println("  failed: " + (error != null ? error : status) + " " + path);
                            }
                        } else if (status == 503) {
                            refused.incrementAndGet();
                            turnedAway[n] = true;
                        }
                        done.complete(null);
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        clock.shutdown();
        if (System.getenv("BY_KIND") != null) {
            for (Kind kind : Kind.values()) {
                long[] these = java.util.stream.IntStream.range(0, count).filter(i -> kinds[i] == kind)
                        .mapToLong(i -> latencies[i]).toArray();
                if (these.length > 0) {
                    System.out.println("  " + new Outcome(these, 0, 0).row(rate).replace("| " + rate + " |", "| " + rate + " " + kind.name().toLowerCase(Locale.ROOT) + " |"));
                }
            }
            long[] dues = new long[count];
            for (int i = 0; i < count; i++) {
                dues[i] = start + i * intervalNanos;
            }
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            long clientTicks = cpuTicks(ProcessHandle.current().pid()) - cpuBefore[0];
            long nodeTicks = serverPid() == 0 ? 0 : cpuTicks(serverPid()) - cpuBefore[1];
            printTail(new Timeline(kinds, dues, latencies, turnedAway), clientTicks, nodeTicks, wall,
                    gcBefore == null ? null : gcReading(serverPid()), gcBefore);
        }
        return new Outcome(latencies, refused.get(), failed.get());
    }

    /**
     * One rate's requests as they went: each one's kind, when it was due, how long until it was
     * answered, and whether it was turned away (503).
     */
    private record Timeline(Kind[] kinds, long[] dues, long[] latencies, boolean[] turnedAway) {

        Timeline {
            if (kinds.length != dues.length || dues.length != latencies.length || latencies.length != turnedAway.length) {
                throw new IllegalArgumentException("a request's kind, due time, latency and status go together");
            }
        }

        int size() {
            return kinds.length;
        }

        long done(int i) {
            return dues[i] + latencies[i];
        }

        /** Requests due but not yet answered at {@code t}: the node's queue and work in hand then, as the client sees it. */
        int inFlight(long t) {
            int n = 0;
            for (int i = 0; i < size() && dues[i] <= t; i++) {
                if (done(i) > t) {
                    n++;
                }
            }
            return n;
        }

        /** Whether request {@code i} was waiting or being answered while an export ({@code kind}) was. */
        boolean overlaps(int i, Kind kind) {
            for (int j = 0; j < size(); j++) {
                if (j != i && kinds[j] == kind && dues[j] < done(i) && done(j) > dues[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * What makes a rate's slowest requests slow: which kinds the slowest 1 % are (against each
     * kind's share of all), how many of them and of all waited while an export was being answered,
     * how many requests were in flight when they were due, the processor time of this client and
     * of the node over the rate (both on the same cores when the node runs here: the client's own
     * share is what the node did not get), and the node's collector (jstat: pauses counted and their
     * seconds, young and full; concurrent cycles' pauses apart).
     */
    private static void printTail(Timeline timeline, long clientTicks, long nodeTicks, double seconds, double[] gcAfter,
            double[] gcBefore) {
        int count = timeline.size();
        Integer[] order = java.util.stream.IntStream.range(0, count).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Long.compare(timeline.latencies()[b], timeline.latencies()[a]));
        int tail = Math.max(1, count / 100);
        java.util.EnumMap<Kind, int[]> byKind = new java.util.EnumMap<>(Kind.class);
        for (int i = 0; i < count; i++) {
            int[] counts = byKind.computeIfAbsent(timeline.kinds()[i], k -> new int[3]);
            counts[0]++;
            if (timeline.turnedAway()[i]) {
                counts[2]++;
            }
        }
        int tailWithExport = 0;
        int allWithExport = 0;
        int[] tailInFlight = new int[tail];
        int[] allInFlight = new int[count];
        for (int r = 0; r < count; r++) {
            int i = order[r];
            boolean beside = timeline.kinds()[i] != Kind.EXPORT && timeline.overlaps(i, Kind.EXPORT);
            allInFlight[r] = timeline.inFlight(timeline.dues()[i]);
            if (beside) {
                allWithExport++;
            }
            if (r < tail) {
                byKind.get(timeline.kinds()[i])[1]++;
                tailInFlight[r] = allInFlight[r];
                if (beside) {
                    tailWithExport++;
                }
            }
        }
        Arrays.sort(tailInFlight);
        Arrays.sort(allInFlight);
        StringBuilder kinds = new StringBuilder();
        for (var entry : byKind.entrySet()) {
            int[] c = entry.getValue();
            kinds.append(String.format(Locale.ROOT, " %s %d (%.0f %% of all; %d turned away);",
                    entry.getKey().name().toLowerCase(Locale.ROOT), c[1], 100.0 * c[0] / count, c[2]));
        }
        System.out.printf(Locale.ROOT, "  slowest 1 %% (%d, from %.1f ms):%s%n", tail,
                timeline.latencies()[order[tail - 1]] / 1e6, kinds);
        System.out.printf(Locale.ROOT, "  beside an export being answered: slowest 1 %% %.0f %%, all %.0f %%;"
                + " in flight when due (median / p90): slowest 1 %% %d / %d, all %d / %d%n",
                100.0 * tailWithExport / tail, 100.0 * allWithExport / count, tailInFlight[tail / 2],
                tailInFlight[(int) (tail * 0.9)], allInFlight[count / 2], allInFlight[(int) (count * 0.9)]);
        System.out.printf(Locale.ROOT, "  processor time over %.1f s: this client %.2f cores, the node %s%n", seconds,
                clientTicks / 100.0 / seconds, nodeTicks == 0 ? "not known (no SERVER_PID)"
                        : String.format(Locale.ROOT, "%.2f cores", nodeTicks / 100.0 / seconds));
        if (gcAfter != null) {
            System.out.printf(Locale.ROOT, "  the node's collector: %.0f young pauses %.3f s, %.0f full %.3f s, concurrent cycles' pauses %.3f s%n",
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], gcAfter[2] - gcBefore[2], gcAfter[3] - gcBefore[3],
                    gcAfter[4] - gcBefore[4]);
        }
    }

    /** The node's collector so far ({@code jstat -gc}): young pauses and their seconds, full ones and theirs, concurrent cycles' pauses' seconds. */
    private static double[] gcReading(long pid) throws Exception {
        Process jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
        String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
        jstat.waitFor();
        List<String> names = Arrays.asList(lines[0].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        // A column the collector does not have is missing, or "-" (the parallel collector's CGC and CGCT): 0.
        java.util.function.ToDoubleFunction<String> column = name -> names.contains(name)
                && !values[names.indexOf(name)].equals("-") ? Double.parseDouble(values[names.indexOf(name)]) : 0;
        return new double[] {column.applyAsDouble("YGC"), column.applyAsDouble("YGCT"), column.applyAsDouble("FGC"),
                column.applyAsDouble("FGCT"), column.applyAsDouble("CGCT")};
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    /** A request of the load, with the encodings a browser accepts. */
    private HttpRequest asABrowserAsks(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept-Encoding", "gzip, deflate, br, zstd").GET().build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Outcome(long[] latencies, int refused, int failed) {

        Outcome {
            latencies = latencies.clone();
            Arrays.sort(latencies);
        }

        double percentile(int p) {
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }

        String row(int rate) {
            int answered = latencies.length - refused - failed;
            return String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |", rate,
                    latencies.length, answered, refused, failed, percentile(50), percentile(90), percentile(99),
                    latencies[latencies.length - 1] / 1e6);
        }
    }
    /**
     * HTTP/1.1 GETs over plain blocking sockets kept open (CLIENT=plain): a pool of threads, each
     * with its connection to the node, takes the requests in the order they fall due; a request
     * waiting for a free thread is late, and its latency, counted from when it was due, says so. The
     * body is read and dropped, by its Content-Length, its chunks, or to the connection's end;
     * redirects are followed, as the JDK's client here follows them. It does what the load needs and
     * no more (no TLS, no proxies, no 100-continue), to leave the machine's two cores to the node.
     */
    static final class PlainHttp {

        /** More than the node answers at once (its bound sends the rest a 503 at once), so none waits on this side. */
        private static final int CONNECTIONS = 256;
        private static final int MOST_REDIRECTS = 5;

        private final String host;
        private final int port;
        private final java.util.concurrent.ExecutorService threads;
        private final ThreadLocal<Connection> connections = new ThreadLocal<>();

        PlainHttp(URI base) {
            if (!"http".equals(base.getScheme())) {
                throw new IllegalArgumentException("CLIENT=plain asks http:// only, not " + base);
            }
            host = base.getHost();
            port = base.getPort() == -1 ? 80 : base.getPort();
            java.util.concurrent.atomic.AtomicInteger named = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(CONNECTIONS, CONNECTIONS,
                    0, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), work -> {
                        Thread thread = new Thread(work, "plain-http-" + named.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            // All started now, each waiting in turn for the next request, so that every one (and its
            // connection) is used from the warm-up on, not first under the timed rates' load.
            pool.prestartAllCoreThreads();
            threads = pool;
        }

        CompletableFuture<Integer> ask(String path) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return askNow(path);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, threads);
        }

        /** On the calling thread, with its own connection. */
        private int askNow(String path) throws java.io.IOException {
            String asked = path;
            for (int hop = 0; ; hop++) {
                Answer answer = once(asked);
                if (answer.location() == null || hop == MOST_REDIRECTS) {
                    return answer.status();
                }
                URI next = URI.create(address(asked)).resolve(answer.location());
                asked = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
            }
        }

        private String address(String path) {
            return "http://" + host + ":" + port + path;
        }

        /**
         * One request and its answer on this thread's connection. A connection kept open can have
         * been closed by the node meanwhile (Jetty's idle timeout): a request that got no byte back
         * on a reused connection is sent once more on a new one.
         */
        private Answer once(String path) throws java.io.IOException {
            Connection kept = connections.get();
            if (kept == null) {
                return on(opened(), path);
            }
            try {
                return on(kept, path);
            } catch (java.io.IOException e) {
                if (kept.answered) {
                    throw e;
                }
                return on(opened(), path);
            }
        }

        /** A new connection, this thread's from now on. */
        private Connection opened() throws java.io.IOException {
            Connection connection = new Connection(host, port);
            connections.set(connection);
            return connection;
        }

        /** The answer on {@code connection}, which is this thread's no longer once closed or failed. */
        private Answer on(Connection connection, String path) throws java.io.IOException {
            try {
                return connection.get(host, path);
            } catch (java.io.IOException e) {
                connection.close();
                throw e;
            } finally {
                if (connection.closed) {
                    connections.remove();
                }
            }
        }

        private record Answer(int status, String location) {
        }

        private static final class Connection {
            private final java.net.Socket socket;
            private final java.io.InputStream in;
            private final java.io.OutputStream out;
            private final byte[] skip = new byte[16384];
            /** Whether any byte of the current answer came back (a failure before one may be the connection's end). */
            boolean answered;
            /** Whether the node ended the connection with its last answer. */
            boolean closed;

            Connection(String host, int port) throws java.io.IOException {
                socket = new java.net.Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
                socket.setSoTimeout(60_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }

            Answer get(String host, String path) throws java.io.IOException {
                answered = false;
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n"
                        + "User-Agent: LoadBenchmark\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String statusLine = line();
                answered = true;
                if (!statusLine.startsWith("HTTP/1.")) {
                    throw new java.io.IOException("not an HTTP answer: " + statusLine);
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean close = statusLine.startsWith("HTTP/1.0");
                String location = null;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> close = value.equalsIgnoreCase("close");
                        case "location" -> location = value;
                        default -> { }
                    }
                }
                if (status == 204 || status == 304 || status / 100 == 1) {
                    length = 0;
                }
                if (chunked) {
                    for (long size = chunkSize(); size > 0; size = chunkSize()) {
                        drop(size);
                        line();
                    }
                    while (!line().isEmpty()) {
                        // the trailer's fields, if any
                    }
                } else if (length >= 0) {
                    drop(length);
                } else {
                    while (in.read(skip) != -1) {
                        // to the connection's end, which ends the body
                    }
                    close = true;
                }
                if (close) {
                    close();
                }
                return new Answer(status, isRedirect(status) ? location : null);
            }

            private static boolean isRedirect(int status) {
                return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            }

            private long chunkSize() throws java.io.IOException {
                String size = line();
                int extension = size.indexOf(';');
                return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            }

            private void drop(long bytes) throws java.io.IOException {
                for (long left = bytes; left > 0; ) {
                    int read = in.read(skip, 0, (int) Math.min(skip.length, left));
                    if (read == -1) {
                        throw new java.io.EOFException("the answer ended " + left + " bytes short");
                    }
                    left -= read;
                }
            }

            /** A line of the head, without its CRLF. */
            private String line() throws java.io.IOException {
                StringBuilder line = new StringBuilder(64);
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b == -1) {
                        throw new java.io.EOFException("the connection ended mid-answer");
                    }
                    if (b != '\r') {
                        line.append((char) b);
                    }
                }
                return line.toString();
            }

            void close() {
                closed = true;
                try {
                    socket.close();
                } catch (java.io.IOException e) {
                    // closing: nothing left to read from it
                }
            }
        }
    }
}
