package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT;
import static org.dossier.db.Tables.ACCOUNT_SESSION;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dossier.app.Transactions;
import org.dossier.db.tables.records.AccountRecord;
import org.dossier.documents.Attribution;
import org.jooq.DSLContext;

/**
 * Editors' accounts: adding them, checking their passwords, changing roles and passwords, and
 * disabling them. Accounts are never deleted, because revisions name their authors; there is
 * always at least one admin who can sign in.
 */
public final class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final DSLContext db;
    private final Clock clock;

    public Accounts(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A username as stored: lower case, 2 to 40 letters, digits, '.', '_' or '-'.
     *
     * @throws AccountException saying what is wrong with it
     */
    public static String username(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new AccountException("A username has 2 to 40 characters: letters a to z (capitals are written small), digits, '.', '_' or '-', "
                    + "starting with a letter or digit" + (name.isEmpty() ? "." : "; '" + typed.strip() + "' is not one."),
                    AccountException.USERNAME);
        }
        if (name.equals(Attribution.IMPORT)) {
            throw new AccountException("'" + Attribution.IMPORT + "' names the importer in the history; choose another username.",
                    AccountException.USERNAME);
        }
        return name;
    }

    /** Adds an account; returns it. */
    public Account add(String typedName, Role role, String password) {
        String name = username(typedName);
        Passwords.checkAllowed(name, password);
        String hash = Passwords.hash(password);
        return db.transactionResult(tx -> {
            new Accounts(tx.dsl(), clock).checkFree(name);
            Instant now = now();
            AccountRecord row = tx.dsl().newRecord(ACCOUNT);
            row.setUsername(name);
            row.setPasswordHash(hash);
            row.setRole(role.key());
            row.setCreatedAt(now);
            row.setUpdatedAt(now);
            row.store();
            return account(row);
        });
    }

    /** @throws AccountException when an account already has this name */
    public void checkFree(String username) {
        if (db.fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(username))) {
            throw new AccountException("There is already an account named '" + username + "'.", AccountException.USERNAME);
        }
    }

    public List<Account> list() {
        return db.selectFrom(ACCOUNT).orderBy(ACCOUNT.USERNAME).fetch(Accounts::account);
    }

    public Optional<Account> find(String typedName) {
        String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            // No account has such a name, and one with a NUL in it is an error on PostgreSQL.
            return Optional.empty();
        }
        return db.selectFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(name)).fetchOptional(Accounts::account);
    }

    /**
     * The account, if the name belongs to one that may sign in and the password is its own. Takes
     * as long for an unknown name as for a wrong password.
     */
    public Optional<Account> authenticate(String typedName, String password) {
        String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT);
        // A name no account can have is not looked up (one with a NUL was a 500 on PostgreSQL).
        AccountRecord row = USERNAME.matcher(name).matches()
                ? db.selectFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(name)).fetchOne() : null;
        if (row == null) {
            Passwords.matchNobody(password);
            return Optional.empty();
        }
        if (!Passwords.matches(password, row.getPasswordHash()) || row.getDisabledAt() != null) {
            return Optional.empty();
        }
        return Optional.of(account(row));
    }

    /** Sets a new password and signs the account out everywhere. */
    public void setPassword(String typedName, String password) {
        Account account = existing(typedName);
        Passwords.checkAllowed(account.username(), password);
        String hash = Passwords.hash(password);
        db.transaction(tx -> {
            tx.dsl().update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, hash).set(ACCOUNT.UPDATED_AT, now())
                    .where(ACCOUNT.ID.eq(account.id())).execute();
            tx.dsl().deleteFrom(ACCOUNT_SESSION).where(ACCOUNT_SESSION.ACCOUNT_ID.eq(account.id())).execute();
        });
    }

    public void setRole(String typedName, Role role) {
        Account account = existing(typedName);
        db.transaction(tx -> {
            if (role != Role.ADMIN) {
                keepAnAdmin(tx.dsl(), account, "an editor");
            }
            tx.dsl().update(ACCOUNT).set(ACCOUNT.ROLE, role.key()).set(ACCOUNT.UPDATED_AT, now())
                    .where(ACCOUNT.ID.eq(account.id())).execute();
        });
    }

    /** Stops the account from signing in, and ends its sessions. */
    public void disable(String typedName) {
        Account account = existing(typedName);
        db.transaction(tx -> {
            keepAnAdmin(tx.dsl(), account, "disabled");
            Instant now = now();
            tx.dsl().update(ACCOUNT).set(ACCOUNT.DISABLED_AT, now).set(ACCOUNT.UPDATED_AT, now)
                    .where(ACCOUNT.ID.eq(account.id()).and(ACCOUNT.DISABLED_AT.isNull())).execute();
            tx.dsl().deleteFrom(ACCOUNT_SESSION).where(ACCOUNT_SESSION.ACCOUNT_ID.eq(account.id())).execute();
        });
    }

    public void enable(String typedName) {
        Account account = existing(typedName);
        db.update(ACCOUNT).setNull(ACCOUNT.DISABLED_AT).set(ACCOUNT.UPDATED_AT, now())
                .where(ACCOUNT.ID.eq(account.id())).execute();
    }

    private Account existing(String typedName) {
        return find(typedName).orElseThrow(() -> new AccountException("There is no account named '"
                + (typedName == null ? "" : typedName.strip()) + "'."));
    }

    /** Refuses to leave the catalogue without an admin who can sign in. */
    private static void keepAnAdmin(DSLContext tx, Account changed, String becoming) {
        // The admins who can sign in, as they are now, locked (on PostgreSQL) until the change is saved:
        // two admins disabling each other at once each counted the other, both went through, none was left.
        List<Integer> admins = Transactions.lockingRows(tx, tx.select(ACCOUNT.ID).from(ACCOUNT)
                .where(ACCOUNT.ROLE.eq(Role.ADMIN.key()).and(ACCOUNT.DISABLED_AT.isNull()))).fetch(ACCOUNT.ID);
        if (admins.contains(changed.id()) && admins.size() == 1) {
            throw new AccountException("'" + changed.username() + "' is the only admin who can sign in; "
                    + "make another account an admin before it is " + becoming + ".");
        }
    }

    private static Account account(AccountRecord row) {
        return new Account(row.getId(), row.getUsername(), Role.fromKey(row.getRole()),
                row.getCreatedAt(), row.getDisabledAt());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
