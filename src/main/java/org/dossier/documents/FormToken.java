package org.dossier.documents;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one-time token a new-record form carries from the moment it is given out: the record it
 * creates is kept under it, so that the form sent again (a double click, a retry after a save whose
 * answer was lost) goes to that record instead of creating a second one. 128 random bits, URL-safe.
 */
public record FormToken(String value) {

    /**
     * How long the record a form created is kept under its token: as long as a session may last
     * (accounts' {@code Sessions.LIFETIME}). The form carries its session's CSRF token, so once that
     * session has ended no send of it is taken, and its token finds nothing a send could ask for.
     */
    public static final Duration KEPT_FOR = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    public FormToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a form token: 22 letters, digits, '-' or '_'");
        }
    }

    /** A new token, for a blank form. */
    public static FormToken fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new FormToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** {@code value} as a token, or null when it is not one (absent, or not of this shape). */
    public static FormToken parse(String value) {
        return value != null && SHAPE.matcher(value).matches() ? new FormToken(value) : null;
    }
}
