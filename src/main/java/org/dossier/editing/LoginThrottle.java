package org.dossier.editing;

import static org.dossier.db.Tables.LOGIN_FAILURE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.dossier.db.tables.records.LoginFailureRecord;
import org.jooq.DSLContext;

/**
 * Slows down password guessing, per account name and per client address, in the database so
 * that every app node sees the same counts and a restart forgets nothing. A few failures are
 * free; after that each failure makes the next attempt wait twice as long as the last, up to
 * {@link #LONGEST_WAIT}. While a wait runs, no password is even checked. A successful sign-in
 * clears the account's count; a count with no failure for {@link #FORGET_AFTER} starts again.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES_PER_ACCOUNT = 4;
    static final int FREE_FAILURES_PER_CLIENT = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(15);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private static final String ACCOUNT = "account";
    private static final String CLIENT = "client";

    /** Why an attempt is not checked now, and how long until it will be. */
    public record Wait(boolean forAccount, String subject, Duration left) {

        /** "Too many failed sign-ins for 'alice'. Wait 30 seconds before trying again." */
        public String message() {
            return "Too many failed sign-ins " + (forAccount ? "for '" + subject + "'" : "from your address")
                    + ". Wait " + Wait.words(left) + " before trying again.";
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

    private final DSLContext db;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The wait still to run before an attempt for this name from this client may be checked, if any. */
    public Optional<Wait> waitBefore(String typedName, String client) {
        Instant now = clock.instant();
        Optional<Wait> account = waitOf(ACCOUNT, subject(typedName), now);
        return account.isPresent() ? account : waitOf(CLIENT, client, now);
    }

    public void failed(String typedName, String client) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        db.transaction(tx -> {
            tx.dsl().deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.LAST_FAILED_AT.lt(now.minus(FORGET_AFTER).toString()))
                    .execute();
            count(tx.dsl(), ACCOUNT, subject(typedName), FREE_FAILURES_PER_ACCOUNT, now);
            count(tx.dsl(), CLIENT, client, FREE_FAILURES_PER_CLIENT, now);
        });
    }

    public void succeeded(String typedName) {
        db.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.SCOPE.eq(ACCOUNT).and(LOGIN_FAILURE.SUBJECT.eq(subject(typedName))))
                .execute();
    }

    private Optional<Wait> waitOf(String scope, String subject, Instant now) {
        String until = db.select(LOGIN_FAILURE.BLOCKED_UNTIL).from(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.SCOPE.eq(scope).and(LOGIN_FAILURE.SUBJECT.eq(subject)))
                .fetchOne(LOGIN_FAILURE.BLOCKED_UNTIL);
        if (until == null || !Instant.parse(until).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Wait(scope.equals(ACCOUNT), subject, Duration.between(now, Instant.parse(until))));
    }

    private static void count(DSLContext tx, String scope, String subject, int free, Instant now) {
        LoginFailureRecord row = tx.selectFrom(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.SCOPE.eq(scope).and(LOGIN_FAILURE.SUBJECT.eq(subject))).fetchOne();
        if (row == null) {
            row = tx.newRecord(LOGIN_FAILURE);
            row.setScope(scope);
            row.setSubject(subject);
            row.setFailures(0);
        }
        int failures = row.getFailures() + 1;
        row.setFailures(failures);
        row.setLastFailedAt(now.toString());
        row.setBlockedUntil(failures <= free ? null : now.plus(waitAfter(failures - free)).toString());
        row.store();
    }

    /** 15 s after the first failure past the free ones, then 30 s, 1 min, 2 min ... up to 15 min. */
    static Duration waitAfter(int failuresPastFree) {
        int doublings = Math.min(failuresPastFree - 1, 16);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static String subject(String typedName) {
        String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT);
        // No username is this long; a longer one is still counted, without storing all of it.
        return name.length() <= 100 ? name : name.substring(0, 100);
    }
}
