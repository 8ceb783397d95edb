package org.dossier.authorities;

/** An authority file cannot be read; the message starts with 'file:line:'. */
public final class AuthorityFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthorityFileException(String message) {
        super(message);
    }
}
