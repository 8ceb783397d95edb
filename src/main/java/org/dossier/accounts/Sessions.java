package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT;
import static org.dossier.db.Tables.ACCOUNT_SESSION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.dossier.app.Transactions;
import org.dossier.web.WriteUnavailable;
import org.jooq.DSLContext;

/**
 * Signed-in browsers, kept in the database so that any app node can recognise them. A session
 * ends when it has been idle for {@link #IDLE}, at the latest {@link #LIFETIME} after sign-in,
 * on sign-out, or when its account is disabled or gets a new password.
 */
public final class Sessions {

    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration LIFETIME = Duration.ofDays(7);
    /** How stale the last-seen time may get before a request writes it again. */
    static final Duration TOUCH_AFTER = Duration.ofMinutes(5);

    /** A session as a request finds it. */
    public record Session(CurrentUser user, String csrfToken) {
    }

    /** A session just started: the cookie's token (never stored) and the forms' token. */
    public record Started(String token, String csrfToken) {
    }

    private final DSLContext db;
    private final Clock clock;

    public Sessions(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Started start(Account account) {
        String token = Tokens.random();
        String csrf = Tokens.random();
        Instant now = now();
        db.transaction(tx -> {
            tx.dsl().deleteFrom(ACCOUNT_SESSION).where(ACCOUNT_SESSION.EXPIRES_AT.le(now)).execute();
            tx.dsl().insertInto(ACCOUNT_SESSION)
                    .set(ACCOUNT_SESSION.TOKEN_HASH, Tokens.sha256(token))
                    .set(ACCOUNT_SESSION.ACCOUNT_ID, account.id())
                    .set(ACCOUNT_SESSION.CSRF_TOKEN, csrf)
                    .set(ACCOUNT_SESSION.CREATED_AT, now)
                    .set(ACCOUNT_SESSION.LAST_SEEN_AT, now)
                    .set(ACCOUNT_SESSION.EXPIRES_AT, expiry(now, now))
                    .execute();
        });
        return new Started(token, csrf);
    }

    /** The live session a cookie's token stands for, if there is one; keeps it alive. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        Instant now = now();
        var row = db.select(ACCOUNT.ID, ACCOUNT.USERNAME, ACCOUNT.ROLE, ACCOUNT_SESSION.CSRF_TOKEN,
                        ACCOUNT_SESSION.CREATED_AT, ACCOUNT_SESSION.LAST_SEEN_AT)
                .from(ACCOUNT_SESSION).join(ACCOUNT).on(ACCOUNT.ID.eq(ACCOUNT_SESSION.ACCOUNT_ID))
                .where(ACCOUNT_SESSION.TOKEN_HASH.eq(hash))
                .and(ACCOUNT_SESSION.EXPIRES_AT.gt(now))
                .and(ACCOUNT.DISABLED_AT.isNull())
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        if (row.get(ACCOUNT_SESSION.LAST_SEEN_AT).plus(TOUCH_AFTER).isBefore(now)) {
            try {
                // Keeping a session alive is worth no wait: beside another writer (an import holding
                // a SQLite file's write lock) every page an editor opened waited the server's 5 s
                // write wait for it. The session is valid until its expiry as it is, and the next
                // page after the writer is done keeps it alive.
                Transactions.ifFree(db, free -> free.update(ACCOUNT_SESSION)
                        .set(ACCOUNT_SESSION.LAST_SEEN_AT, now)
                        .set(ACCOUNT_SESSION.EXPIRES_AT, expiry(row.get(ACCOUNT_SESSION.CREATED_AT), now))
                        .where(ACCOUNT_SESSION.TOKEN_HASH.eq(hash))
                        .execute());
            } catch (WriteUnavailable e) {
                // Nor worth a failed page: while the database takes no writes (another writer, a
                // read-only file) the session is used as it is.
            }
        }
        return Optional.of(new Session(new CurrentUser(row.get(ACCOUNT.ID), row.get(ACCOUNT.USERNAME),
                Role.fromKey(row.get(ACCOUNT.ROLE))), row.get(ACCOUNT_SESSION.CSRF_TOKEN)));
    }

    public void end(String token) {
        if (token != null && !token.isEmpty()) {
            db.deleteFrom(ACCOUNT_SESSION).where(ACCOUNT_SESSION.TOKEN_HASH.eq(Tokens.sha256(token))).execute();
        }
    }

    private static Instant expiry(Instant created, Instant lastSeen) {
        Instant idle = lastSeen.plus(IDLE);
        Instant absolute = created.plus(LIFETIME);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
