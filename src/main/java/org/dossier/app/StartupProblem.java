package org.dossier.app;

/** Why the server cannot start, in one line that says what to do; printed without a stack trace. */
public final class StartupProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
