package org.dossier.web;

/** Nothing is at this address; the message says what was looked for. */
public final class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }
}
