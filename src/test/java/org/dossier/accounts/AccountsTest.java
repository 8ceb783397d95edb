package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();
    private Accounts accounts;
    private Sessions sessions;

    @BeforeEach
    void open() throws IOException {
        MutableClock clock = new MutableClock("2026-05-01T10:00:00Z");
        accounts = new Accounts(database.dsl(), clock);
        sessions = new Sessions(database.dsl(), clock);
    }

    @Test
    void anAccountStoresAHashAndSignsInWithItsPassword() {
        Account alice = accounts.add("Alice", Role.ADMIN, PASSWORD);
        assertEquals("alice", alice.username(), "usernames are kept in lower case");
        String stored = database.dsl().select(ACCOUNT.PASSWORD_HASH).from(ACCOUNT).fetchSingle(ACCOUNT.PASSWORD_HASH);
        assertTrue(stored.startsWith("$2a$"), stored); // bcrypt, at the cost PasswordsTest pins
        assertEquals(alice, accounts.authenticate("ALICE ", PASSWORD).orElseThrow());
        assertTrue(accounts.authenticate("alice", "wrong horse battery").isEmpty());
        assertTrue(accounts.authenticate("nobody", PASSWORD).isEmpty());
    }

    @Test
    void aUsernameIsTrimmedAndLowerCasedAndRefusedWhenTakenInAnyCaseMalformedOrTheImporters() {
        assertEquals("There is already an account named 'alice'.", assertThrows(AccountException.class, () -> {
            accounts.add("alice", Role.EDITOR, PASSWORD);
            accounts.add("ALICE", Role.EDITOR, PASSWORD);
        }).getMessage());
        for (String bad : List.of("", "a", "-alice", "alice smith", "al/ice", "x".repeat(41))) {
            assertThrows(AccountException.class, () -> Accounts.username(bad), bad);
        }
        assertTrue(assertThrows(AccountException.class, () -> Accounts.username("import")).getMessage()
                .contains("names the importer"));
        assertEquals("j.doe_2-b", Accounts.username(" J.Doe_2-b "));
    }

    /** "letters" alone told someone who typed "josé" that it had only letters, and refused it. */
    @Test
    void aUsernameRefusedForALetterOutsideAToZIsToldWhichLettersAUsernameTakes() {
        assertEquals("A username has 2 to 40 characters: letters a to z (capitals are written small), digits, '.', "
                        + "'_' or '-', starting with a letter or digit; 'José' is not one.",
                assertThrows(AccountException.class, () -> Accounts.username("José")).getMessage());
    }

    @Test
    void aDisabledAccountCannotSignInAndItsSessionsEnd() {
        accounts.add("alice", Role.ADMIN, PASSWORD);
        Account bob = accounts.add("bob", Role.EDITOR, PASSWORD);
        Sessions.Started session = sessions.start(bob);
        assertTrue(sessions.find(session.token()).isPresent());

        accounts.disable("bob");
        assertTrue(accounts.find("bob").orElseThrow().disabled());
        assertTrue(accounts.authenticate("bob", PASSWORD).isEmpty());
        assertTrue(sessions.find(session.token()).isEmpty());

        accounts.enable("bob");
        assertTrue(accounts.authenticate("bob", PASSWORD).isPresent());
    }

    @Test
    void aNewPasswordReplacesTheOldAndEndsSessions() {
        Account bob = accounts.add("bob", Role.EDITOR, PASSWORD);
        Sessions.Started session = sessions.start(bob);
        accounts.setPassword("bob", "a much better password");
        assertTrue(accounts.authenticate("bob", PASSWORD).isEmpty());
        assertTrue(accounts.authenticate("bob", "a much better password").isPresent());
        assertTrue(sessions.find(session.token()).isEmpty());
    }

    @Test
    void theLastAdminWhoCanSignInStaysAnAdmin() {
        accounts.add("alice", Role.ADMIN, PASSWORD);
        accounts.add("bob", Role.EDITOR, PASSWORD);
        AccountException demoted = assertThrows(AccountException.class, () -> accounts.setRole("alice", Role.EDITOR));
        assertTrue(demoted.getMessage().contains("only admin"), demoted.getMessage());
        assertThrows(AccountException.class, () -> accounts.disable("alice"));
        assertEquals(Role.ADMIN, accounts.find("alice").orElseThrow().role());
        assertFalse(accounts.find("alice").orElseThrow().disabled());

        accounts.setRole("bob", Role.ADMIN);
        accounts.setRole("alice", Role.EDITOR);
        assertEquals(Role.EDITOR, accounts.find("alice").orElseThrow().role());
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOneWhoCanSignIn() throws Exception {
        accounts.add("alice", Role.ADMIN, PASSWORD);
        accounts.add("bob", Role.ADMIN, PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<?>> both = List.of(
                        pool.submit(() -> disableAfter(together, "alice")),
                        pool.submit(() -> disableAfter(together, "bob")));
                for (java.util.concurrent.Future<?> one : both) {
                    try {
                        one.get();
                    } catch (java.util.concurrent.ExecutionException refused) {
                        // the one that came second: refused, whatever the database said
                    }
                }
                assertEquals(1, database.dsl().fetchCount(ACCOUNT, ACCOUNT.ROLE.eq(Role.ADMIN.key())
                        .and(ACCOUNT.DISABLED_AT.isNull())), "round " + round + ": one admin can still sign in");
                accounts.enable("alice");
                accounts.enable("bob");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Void disableAfter(java.util.concurrent.CyclicBarrier together, String username) throws Exception {
        together.await();
        accounts.disable(username);
        return null;
    }
}
