package org.dossier.app;

/** Why the server cannot start, in one line that says what to do; printed without a stack trace. */
public final class StartupProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code e}, or the one line that says another process held the database's write lock all along. */
    static RuntimeException orAnotherWriter(DatabaseAddress database, RuntimeException e, java.time.Duration waited) {
        return SqliteOpening.anotherWriter(database, e, waited)
                .<RuntimeException>map(busy -> new StartupProblem(busy.getMessage(), e)).orElse(e);
    }
}
