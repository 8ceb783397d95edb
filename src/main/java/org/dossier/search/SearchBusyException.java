package org.dossier.search;

/**
 * This node is already running as many searches as it may ({@code --max-searches}): the search is
 * turned away at once, a 503 with {@code Retry-After}, rather than queued behind the others.
 */
public final class SearchBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SearchBusyException(int running) {
        super("This server is answering " + running + " searches at once, as many as it may. Search again in a moment.");
    }
}
