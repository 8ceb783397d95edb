package org.dossier.accounts;

import static org.dossier.db.Tables.LOGIN_FAILURE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.dossier.app.Transactions;
import org.dossier.db.tables.records.LoginFailureRecord;
import org.jooq.DSLContext;

/**
 * Slows down password guessing, in the database so that every app node sees the same counts and
 * a restart forgets nothing.
 *
 * <p>Checking the allowance and counting the attempt are one step: {@link #admit} counts an
 * attempt as failed in the same transaction that finds it allowed, before its password is
 * checked, and {@link #succeeded} takes the count back when the password was right. So however
 * many guesses arrive at once, only the free ones and the one that starts the first wait are
 * checked; the rest are refused unchecked. (SQLite runs writing transactions one at a time; on
 * PostgreSQL the rows are locked with {@code SELECT ... FOR UPDATE}.)
 *
 * <p>Failures are counted per account name and client address ({@link #FREE_PER_PAIR} free) and
 * per client address, whatever the names ({@link #FREE_PER_CLIENT} free); past that, each
 * failure makes the next attempt wait twice as long as the last, up to {@link #LONGEST_WAIT}. A
 * flood of guesses from elsewhere therefore never stops an editor signing in from their own
 * address. Per account name alone there is only a ceiling ({@link #ACCOUNT_CEILING} failures from
 * all addresses) past which every attempt for that name is slowed by {@link #CEILING_DELAY}:
 * it slows a distributed attack without ever locking the owner out. A count with no failure for
 * {@link #FORGET_AFTER} starts again.
 */
public final class LoginThrottle {

    static final int FREE_PER_PAIR = 4;
    static final int FREE_PER_CLIENT = 20;
    static final int ACCOUNT_CEILING = 50;
    static final Duration CEILING_DELAY = Duration.ofSeconds(2);
    static final Duration FIRST_WAIT = Duration.ofSeconds(15);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private static final String PAIR = "pair";
    private static final String CLIENT = "client";
    private static final String ACCOUNT = "account";

    /** Why an attempt is not checked now, and how long until it will be. */
    public record Wait(boolean forAccount, String subject, Duration left) {

        /** "Too many failed sign-ins for 'alice' from your address. Wait 30 seconds before trying again." */
        public String message() {
            return "Too many failed sign-ins " + (forAccount ? "for '" + subject + "' from your address" : "from your address")
                    + ". Wait " + Wait.words(left) + " before trying again.";
        }

        /** Whole seconds, rounded up, for a {@code Retry-After} header. */
        public long seconds() {
            return Math.max(1, left.toSeconds() + (left.toMillisPart() > 0 ? 1 : 0));
        }

        static String words(Duration d) {
            long seconds = Math.max(1, d.toSeconds() + (d.toMillisPart() > 0 ? 1 : 0));
            if (seconds < 120) {
                return seconds + (seconds == 1 ? " second" : " seconds");
            }
            long minutes = (seconds + 59) / 60;
            return minutes + " minutes";
        }
    }

    /**
     * What {@link #admit} decided: either a wait (the password must not be checked), or leave to
     * check it after {@code delay} (zero unless the account name is past its ceiling).
     */
    public record Admission(Optional<Wait> refusal, Duration delay) {

        public boolean refused() {
            return refusal.isPresent();
        }
    }

    private final DSLContext db;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Decides whether an attempt for this name from this client may be checked and, if so, counts
     * it as failed in the same transaction; call {@link #succeeded} when its password was right.
     */
    public Admission admit(String typedName, String client) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = subject(typedName);
        String address = client == null ? "" : client;
        return db.transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.LAST_FAILED_AT.lt(now.minus(FORGET_AFTER)))
                    .execute();
            // A refused attempt adds no row: a name never tried before from here cannot be waiting, and
            // a client already waiting that tried a new name each time added two rows a request, kept a day.
            // Rows are locked client first, then pair, then account, here and in succeeded(): in one
            // order, so that attempts at once on PostgreSQL wait for each other and never deadlock.
            LoginFailureRecord fromClient = locked(dsl, CLIENT, address, now);
            Optional<LoginFailureRecord> knownPair = existing(dsl, PAIR, name + " " + address);
            Optional<Wait> wait = knownPair.flatMap(known -> waitOf(known, now, true, name))
                    .or(() -> waitOf(fromClient, now, false, address));
            if (wait.isPresent()) {
                return new Admission(wait, Duration.ZERO);
            }
            LoginFailureRecord pair = knownPair.orElseGet(() -> locked(dsl, PAIR, name + " " + address, now));
            LoginFailureRecord account = locked(dsl, ACCOUNT, name, now);
            count(pair, FREE_PER_PAIR, now);
            count(fromClient, FREE_PER_CLIENT, now);
            count(account, Integer.MAX_VALUE, now);
            return new Admission(Optional.empty(), account.getFailures() > ACCOUNT_CEILING ? CEILING_DELAY : Duration.ZERO);
        });
    }

    /** The password of an admitted attempt was right: it was no failure, and this name from this address starts afresh. */
    public void succeeded(String typedName, String client) {
        String name = subject(typedName);
        String address = client == null ? "" : client;
        // In admit()'s order: client, pair, account.
        db.transaction(tx -> {
            takeBack(tx.dsl(), CLIENT, address);
            tx.dsl().deleteFrom(LOGIN_FAILURE)
                    .where(LOGIN_FAILURE.SCOPE.eq(PAIR).and(LOGIN_FAILURE.SUBJECT.eq(name + " " + address)))
                    .execute();
            takeBack(tx.dsl(), ACCOUNT, name);
        });
    }

    /** The row of one count, made if missing, and locked until the transaction ends where the database can. */
    private static LoginFailureRecord locked(DSLContext tx, String scope, String subject, Instant now) {
        tx.insertInto(LOGIN_FAILURE)
                .set(LOGIN_FAILURE.SCOPE, scope)
                .set(LOGIN_FAILURE.SUBJECT, subject)
                .set(LOGIN_FAILURE.FAILURES, 0)
                .set(LOGIN_FAILURE.LAST_FAILED_AT, now)
                .onConflictDoNothing()
                .execute();
        var select = tx.selectFrom(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.SCOPE.eq(scope).and(LOGIN_FAILURE.SUBJECT.eq(subject)));
        return Transactions.lockingRows(tx, select).fetchSingle();
    }

    private static void takeBack(DSLContext tx, String scope, String subject) {
        tx.update(LOGIN_FAILURE).set(LOGIN_FAILURE.FAILURES, LOGIN_FAILURE.FAILURES.minus(1))
                .where(LOGIN_FAILURE.SCOPE.eq(scope).and(LOGIN_FAILURE.SUBJECT.eq(subject)))
                .and(LOGIN_FAILURE.FAILURES.gt(0))
                .execute();
    }

    /** The row of one count if there is one, locked until the transaction ends where the database can. */
    private static Optional<LoginFailureRecord> existing(DSLContext tx, String scope, String subject) {
        var select = tx.selectFrom(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.SCOPE.eq(scope).and(LOGIN_FAILURE.SUBJECT.eq(subject)));
        return Optional.ofNullable(Transactions.lockingRows(tx, select).fetchOne());
    }

    private static Optional<Wait> waitOf(LoginFailureRecord row, Instant now, boolean forAccount, String subject) {
        Instant until = row.getBlockedUntil();
        if (until == null || !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Wait(forAccount, subject, Duration.between(now, until)));
    }

    private static void count(LoginFailureRecord row, int free, Instant now) {
        int failures = row.getFailures() + 1;
        row.setFailures(failures);
        row.setLastFailedAt(now);
        row.setBlockedUntil(failures <= free ? null : now.plus(waitAfter(failures - free)));
        row.store();
    }

    /** 15 s after the first failure past the free ones, then 30 s, 1 min, 2 min ... up to 15 min. */
    static Duration waitAfter(int failuresPastFree) {
        int doublings = Math.min(failuresPastFree - 1, 16);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static String subject(String typedName) {
        // PostgreSQL keeps no NUL in text: a name typed with one is counted with U+FFFD in its place.
        String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT).replace('\u0000', '\uFFFD');
        // No username is this long; a longer one is still counted, without storing all of it.
        return name.length() <= 100 ? name : name.substring(0, 100);
    }
}
