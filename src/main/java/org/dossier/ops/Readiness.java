package org.dossier.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.dossier.app.Database;
import org.dossier.documents.RoundFailures;
import org.dossier.search.IndexStatus;
import org.dossier.search.SearchEngine;
import org.dossier.web.WriteUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can serve: the database answers, its schema is the one this build migrates
 * to, no first start's import of the seed pages is running ({@link FirstImport}), the search index
 * is open and not too far behind the database, and the node has warmed up
 * ({@link WarmUp}; when it was asked to). Each check is cheap (one
 * small query); Flyway's view of the migrations, and whether the database server takes a new
 * connection, are read at most every few seconds ({@link Remembered}).
 */
public final class Readiness {

    /** One check: passed or not, and what was seen. */
    public record Check(boolean ok, Map<String, Object> details) {
    }

    /**
     * Every check, whether all passed, and what the node is doing until they do ({@link #phase}; empty
     * when ready).
     */
    public record Report(boolean ready, Map<String, Check> checks, String phase) {
    }

    /**
     * How long a reading that is not cheap is answered again unasked, unless a node is told otherwise
     * ({@link OperationsSettings#remembered}): /ready is called every second, by every balancer.
     */
    static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    /**
     * How long the database check waits for a connection of the pool: during an outage the pool
     * says so only when the wait is over, and with a request's wait (5 s) a balancer whose probe gives
     * up sooner (Kubernetes' default is 1 s) saw a timeout, not a 503, and a gauge nothing.
     */
    private static final Duration CONNECTION_WAIT = Duration.ofMillis(250);

    private final Database database;
    private final SearchEngine search;
    private final long maxIndexLag;
    private final WarmUp warmUp;
    private final FirstImport firstImport;
    private final Clock clock;
    private final Duration remembered;
    private final IndexCatchUp indexCatchUp;
    private final ExecutorService catchUp;
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    /** Flyway's view; one that could not be read, or found migrations pending, is read again at the next check. */
    private final Remembered<Check> migrations = new Remembered<>(Check::ok);
    /**
     * Whether the server would refuse a connection, either way: each asking opens one, and while the
     * server is full each refused one is a line in PostgreSQL's log.
     */
    private final Remembered<Optional<String>> refusal = new Remembered<>(answer -> true);
    /** The index ahead of its database is logged once: /ready is asked every second. */
    private volatile boolean saidAhead;
    /** A newer version's migrations are logged once, as the index ahead is. */
    private volatile boolean saidNewer;
    /**
     * What /ready could not read is logged with its details once, not every second, while it fails
     * the same way: the JSON gives the first line only (Flyway's messages run to a dozen lines).
     */
    private final RoundFailures databaseFailures = new RoundFailures(LOG, "/ready", "at the next check");
    private final RoundFailures migrationFailures = new RoundFailures(LOG, "/ready", "at the next check");
    /** The last of Flyway's views read, and the last index check made: what a busy pool is answered from. */
    private volatile Check lastMigrations;
    private volatile IndexCheck lastIndex;

    public Readiness(Database database, SearchEngine search, long maxIndexLag, WarmUp warmUp, FirstImport firstImport,
                     Clock clock) {
        this(database, search, maxIndexLag, warmUp, firstImport, clock, REMEMBERED);
    }

    /** As the node whose readings that are not cheap are answered again for {@code remembered} ({@link OperationsSettings#remembered}). */
    public Readiness(Database database, SearchEngine search, long maxIndexLag, WarmUp warmUp, FirstImport firstImport,
                     Clock clock, Duration remembered) {
        this.remembered = remembered; // more than nothing: OperationsSettings says so
        this.database = database;
        this.search = search;
        this.maxIndexLag = maxIndexLag;
        this.warmUp = warmUp;
        this.firstImport = firstImport;
        this.clock = clock;
        this.indexCatchUp = new IndexCatchUp(maxIndexLag);
        this.catchUp = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "dossier-index-catch-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Every check now. Each reading of the database waits for a connection of the pool as briefly as
     * the database check does ({@link #CONNECTION_WAIT}): a node whose every connection stayed in use
     * waited the pool's 5 s in the migrations' and the index's readings too, and said 503 with them
     * failed. With the pool busy they answer from what was last read, saying so ({@code poolBusy}).
     */
    public Report check() {
        return database.waitingAtMost(CONNECTION_WAIT, this::checkNow);
    }

    private Report checkNow() {
        Map<String, Check> checks = new LinkedHashMap<>();
        Check seeds = firstImport.check();
        if (seeds != null) {
            checks.put("seeds", seeds);
        }
        checks.put("database", database());
        checks.put("migrations", checks.get("database").ok() ? migrations() : failed("the database does not answer"));
        // The index's lag is counted against the database's head: with no database it is unknown,
        // and asking would only wait for a connection a second time.
        IndexCheck index = checks.get("database").ok() ? index()
                : new IndexCheck(failed("the database does not answer"), "");
        checks.put("index", index.check());
        if (warmUp.requests() > 0) {
            checks.put("warmUp", warmUp.check());
        }
        boolean ready = checks.values().stream().allMatch(Check::ok);
        return new Report(ready, checks, ready ? "" : phase(checks, firstImport.phase(), index.phase()));
    }

    /**
     * What the node is doing until it is ready, in words, from the first check that failed, in the
     * order a start passes them: an operator watching a node start at a million records (38–90 s),
     * or a load balancer's log, saw only "not ready". In this program's words only: the public port
     * says it too. {@code importPhase} is how far a first start's import is (its reader's page says
     * the same), {@code indexPhase} what the index check found the index doing.
     */
    private static String phase(Map<String, Check> checks, String importPhase, String indexPhase) {
        Check seeds = checks.get("seeds");
        if (seeds != null && !seeds.ok()) {
            return importPhase;
        }
        if (!checks.get("database").ok()) {
            return "Waiting for the database to answer";
        }
        if (!checks.get("migrations").ok()) {
            return "Waiting for the database's schema to be migrated to this version's";
        }
        if (!checks.get("index").ok()) {
            return indexPhase.isEmpty() ? "The search index is not open" : indexPhase;
        }
        Check warming = checks.get("warmUp");
        if (warming != null && !warming.ok()) {
            return String.format(Locale.ROOT, "Warming up: %,d of %,d requests", warming.details().get("asked"),
                    warming.details().get("requests"));
        }
        return "Not ready";
    }

    private Check database() {
        long started = System.nanoTime();
        Database.Answer answer;
        try {
            answer = database.answers(CONNECTION_WAIT);
        } catch (RuntimeException e) {
            databaseFailures.failed(e, "found the database not answering");
            return failed("the database does not answer: " + RoundFailures.firstLine(e));
        }
        // The query above ran on a connection the pool held: a server that takes no new one (its
        // max_connections reached) still answered it, while requests beyond what the pool holds wait
        // 5 s each for a connection and are turned away.
        Optional<String> refused = refusal.get(() -> {
            Optional<String> why = database.refusesNewConnections();
            why.ifPresent(reason -> databaseFailures.failed(reason, "found the database refusing new connections"));
            return why;
        });
        if (refused.isPresent()) {
            return failed(refused.get());
        }
        databaseFailures.succeeded();
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Busy is no failure: a node under load said 503 whenever its pool was, and left the rotation.
        return new Check(true, answer == Database.Answer.POOL_BUSY ? Map.of("millis", millis, "poolBusy", true)
                : Map.of("millis", millis));
    }

    private Check migrations() {
        return migrations.get(this::readMigrations);
    }

    private Check readMigrations() {
        Check fresh;
        try {
            Database.SchemaState schema = database.schemaState();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("current", schema.current() == null ? "none" : schema.current());
            details.put("pending", schema.pending());
            if (!schema.newer().isEmpty()) {
                // Applied by a newer version beside this node (a rolling upgrade): it serves on, but saves nothing.
                String newer = schema.newer().stream().map(version -> "V" + version).collect(Collectors.joining(" "));
                details.put("newer", newer);
                if (!saidNewer) {
                    saidNewer = true;
                    LOG.warn("A newer version of Dossier migrated the database ({}): this node goes on serving readers "
                            + "but saves nothing; restart it with that version", newer);
                }
            }
            fresh = new Check(schema.upToDate(), details);
            lastMigrations = fresh;
            migrationFailures.succeeded();
        } catch (RuntimeException e) {
            if (poolBusy(e)) {
                // The schema as last read; before any reading, as the start found it: opening the
                // database migrated it to this version's, or refused it.
                Check last = lastMigrations;
                return busy(last == null ? new Check(true, Map.of()) : last);
            }
            migrationFailures.failed(e, "could not read the migrations");
            fresh = failed("the migrations cannot be read: " + RoundFailures.firstLine(e));
        }
        return fresh;
    }

    /** The index check, and what the index is doing while it fails (empty: nothing said). */
    private record IndexCheck(Check check, String phase) {
    }

    private IndexCheck index() {
        IndexStatus status;
        try {
            status = search.status();
        } catch (RuntimeException e) {
            if (poolBusy(e)) {
                // The lag is counted against the change feed's head, read through the pool: as last read.
                IndexCheck last = lastIndex;
                return last != null ? new IndexCheck(busy(last.check()), last.phase())
                        : new IndexCheck(busy(failed("the index's lag cannot be read: every connection to the "
                        + "database is in use")), "Waiting for a connection to the database: every one is in use");
            }
            return new IndexCheck(failed("the index's state cannot be read: " + e.getMessage()), "");
        }
        IndexCheck fresh = index(status);
        lastIndex = fresh;
        return fresh;
    }

    private IndexCheck index(IndexStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("open", status.open());
        if (status.open()) {
            details.put("lag", status.lag());
            details.put("maxLag", maxIndexLag);
            details.put("generation", status.generation());
        }
        if (!status.detail().isEmpty()) {
            details.put("detail", status.detail());
        }
        if (status.aheadOfDatabase()) {
            String why = "the database's change feed ends at " + status.latestChange() + ", before this index's "
                    + status.appliedChange() + ": the database was restored or replaced under this node, whose index "
                    + "would miss every save until the feed passed its old end. Restart the node: it rebuilds its index.";
            details.put("detail", why);
            if (!saidAhead) {
                saidAhead = true;
                LOG.error("Not ready: {}", why);
            }
            return new IndexCheck(new Check(false, details),
                    "The database's change feed ends before this node's search index: restart the node");
        }
        if (status.open() && status.lag() > 0) {
            // Changes another process wrote are caught up with before the next search; a node taken
            // out of rotation gets no searches, so catch up here, once at a time, off this thread.
            catchUpInBackground();
        }
        if (!status.open()) {
            if (search.failure().isPresent()) {
                // Not "not yet": it will not open until the node is started again.
                details.put("failed", true);
            }
            return new IndexCheck(new Check(false, details), status.phase());
        }
        IndexCatchUp.Verdict verdict = indexCatchUp.judge(status.steps(), status.lag(), clock.instant());
        if (verdict == IndexCatchUp.Verdict.CATCHING_UP) {
            details.put("catchingUp", true);
        }
        return new IndexCheck(new Check(verdict.ready(), details), verdict.ready() ? ""
                : String.format(Locale.ROOT, "Catching up with the change feed: %,d %s behind", status.lag(),
                status.lag() == 1 ? "change" : "changes"));
    }

    /**
     * Why this node will never be ready until it is started again (its search index could not be
     * opened), in words anyone may read; empty while it is ready or may yet be. Asks nothing of the
     * database: {@code /health} says it too, and never waits.
     */
    public Optional<String> failure() {
        return search.failure();
    }

    private void catchUpInBackground() {
        if (catchingUp.compareAndSet(false, true)) {
            catchUp.execute(() -> {
                try {
                    search.changed(Set.of());
                } finally {
                    catchingUp.set(false);
                }
            });
        }
    }

    /**
     * A reading answered again for {@link #remembered} after it was made, if {@code kept} says so of
     * it; read again otherwise. Its answer and when it was read are one value, so that a check never
     * pairs one reading's answer with another's time.
     */
    private final class Remembered<T> {

        private record Reading<A>(A answer, Instant readAt) {
        }

        private final Predicate<T> kept;
        private volatile Reading<T> last;

        Remembered(Predicate<T> kept) {
            this.kept = kept;
        }

        T get(Supplier<T> read) {
            Instant now = clock.instant();
            Reading<T> previous = last;
            if (previous != null && kept.test(previous.answer()) && now.isBefore(previous.readAt().plus(remembered))) {
                return previous.answer();
            }
            T fresh = read.get();
            last = new Reading<>(fresh, now);
            return fresh;
        }
    }

    /** Whether {@code failure} is a reading that found every connection of the pool in use for its whole wait. */
    private static boolean poolBusy(RuntimeException failure) {
        return WriteUnavailable.of(failure).filter(WriteUnavailable::crowded).isPresent();
    }

    /** {@code last} as read before, said to be so because the pool was busy now. */
    private static Check busy(Check last) {
        Map<String, Object> details = new LinkedHashMap<>(last.details());
        details.put("poolBusy", true);
        return new Check(last.ok(), details);
    }

    private static Check failed(String why) {
        return new Check(false, Map.of("error", why));
    }

    public void close() {
        catchUp.shutdownNow();
    }
}
