package org.dossier.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Password hashes: bcrypt at cost 12 (about a quarter of a second on a small server), from a
 * well-kept library rather than written here. bcrypt reads at most 72 bytes of a password, so
 * longer ones are refused when set instead of being silently cut.
 *
 * <p>A password is hashed and checked in Unicode's compatibility composition (NFKC), as NIST
 * SP 800-63B asks: "é" typed as one letter on one keyboard and as "e" plus an accent on another,
 * or a full-width "Ａ" from an East Asian input method, is the same password on every device.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    static final int DEFAULT_COST = 12;
    /**
     * The cost of new hashes: 12, unless the system property {@code dossier.bcrypt.cost} says
     * otherwise. Only the test runs set it (to 4), because hashing at 12 was a large share of the
     * suite's time; a hash records its own cost, so checking never depends on this.
     */
    static final int COST = Integer.getInteger("dossier.bcrypt.cost", DEFAULT_COST);

    /** Checked against when there is no such account, so that a wrong name takes as long as a wrong password. */
    private static final String NOBODY = hash("no account has this password " + Tokens.random());

    private Passwords() {
    }

    /**
     * Whether {@code password} may be set for {@code username}.
     *
     * @throws AccountException saying what is wrong with it
     */
    public static void checkAllowed(String username, String typed) {
        if (typed == null) {
            throw new AccountException("The password must have at least " + MIN_LENGTH + " characters.",
                    AccountException.PASSWORD);
        }
        String password = normalised(typed);
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new AccountException("The password must have at least " + MIN_LENGTH + " characters.",
                    AccountException.PASSWORD);
        }
        if (password.isBlank()) {
            throw new AccountException("The password must not be only spaces.", AccountException.PASSWORD);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new AccountException("The password must be at most " + MAX_BYTES
                    + " bytes long (bcrypt reads no further); choose a shorter one.", AccountException.PASSWORD);
        }
        if (password.strip().equalsIgnoreCase(username)) {
            throw new AccountException("The password must not be the username.", AccountException.PASSWORD);
        }
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, normalised(password).toCharArray());
    }

    public static boolean matches(String typed, String hash) {
        String password = typed == null ? null : normalised(typed);
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            // No password this long was ever set; still spend the time a check takes.
            BCrypt.verifyer().verify("".toCharArray(), NOBODY);
            return false;
        }
        if (BCrypt.verifyer().verify(password.toCharArray(), hash).verified) {
            return true;
        }
        // Hashes made before passwords were normalised hold the letters as they were typed.
        return !password.equals(typed) && BCrypt.verifyer().verify(typed.toCharArray(), hash).verified;
    }

    private static String normalised(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Spends the time a real check takes, for a name that has no account. */
    static void matchNobody(String password) {
        matches(password, NOBODY);
    }
}
