package org.dossier.web;

/** A request this site cannot answer as asked; the message tells the reader what to change. */
public final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }
}
