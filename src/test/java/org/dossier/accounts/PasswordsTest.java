package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class PasswordsTest {

    @Test
    void aHashIsSaltedBcryptAtCostTwelveAndNeverThePassword() {
        String first = Passwords.hash("correct horse battery");
        String second = Passwords.hash("correct horse battery");
        assertTrue(first.startsWith(String.format("$2a$%02d$", Passwords.COST)), first);
        assertEquals(12, Passwords.DEFAULT_COST, "outside the tests, hashes cost 12");
        assertFalse(first.contains("correct horse"));
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(Passwords.matches("correct horse battery", first));
        assertTrue(Passwords.matches("correct horse battery", second));
        assertFalse(Passwords.matches("correct horse batterY", first));
    }

    @Test
    void shortPasswordsAreRefusedWithTheRule() {
        AccountException e = assertThrows(AccountException.class, () -> Passwords.checkAllowed("alice", "123456789"));
        assertEquals("The password must have at least 10 characters.", e.getMessage());
        Passwords.checkAllowed("alice", "1234567890");
    }

    @Test
    void passwordsLongerThanBcryptReadsAreRefusedRatherThanCut() {
        String seventyThree = "x".repeat(73);
        AccountException e = assertThrows(AccountException.class, () -> Passwords.checkAllowed("alice", seventyThree));
        assertTrue(e.getMessage().contains("at most 72 bytes"), e.getMessage());
        Passwords.checkAllowed("alice", "x".repeat(72));
        // Multi-byte letters count as bytes: 37 two-byte letters are 74 bytes.
        assertThrows(AccountException.class, () -> Passwords.checkAllowed("alice", "\u017c".repeat(37)));
        assertFalse(Passwords.matches(seventyThree, Passwords.hash("x".repeat(72))));
    }

    @Test
    void theUsernameIsNoPassword() {
        assertThrows(AccountException.class, () -> Passwords.checkAllowed("alexandrina", "Alexandrina"));
    }

    @Test
    void aPasswordIsTheSameWhicheverWayItsLettersWereComposed() {
        String composed = "Gda\u0144sk \u00e9t\u00e9 1962";
        String decomposed = "Gdan\u0301sk e\u0301te\u0301 1962";
        String hash = Passwords.hash(composed);
        assertTrue(Passwords.matches(decomposed, hash), "typed with combining accents on another keyboard");
        assertTrue(Passwords.matches(composed, Passwords.hash(decomposed)));
        assertTrue(Passwords.matches("\uff21\uff22\uff23defghij", Passwords.hash("ABCdefghij")), "full-width letters");
        assertFalse(Passwords.matches("Gdansk ete 1962", hash), "an accent is still part of the password");
    }

    @Test
    void aHashMadeBeforeNormalisingStillMatchesThePasswordAsTyped() {
        String typed = "Gdan\u0301sk e\u0301te\u0301 1962";
        String olderHash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, typed.toCharArray());
        assertTrue(Passwords.matches(typed, olderHash));
    }

    @Test
    void aPasswordOfOnlySpacesIsRefused() {
        AccountException e = assertThrows(AccountException.class, () -> Passwords.checkAllowed("alice", " ".repeat(12)));
        assertEquals("The password must not be only spaces.", e.getMessage());
        assertThrows(AccountException.class, () -> Passwords.checkAllowed("alice", "\u3000".repeat(12)));
        Passwords.checkAllowed("alice", "  spaced  out  ");
    }
}
