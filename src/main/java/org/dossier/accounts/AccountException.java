package org.dossier.accounts;

/** An account change that was refused; the message says why, fit to show the person who asked. */
public final class AccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }
}
