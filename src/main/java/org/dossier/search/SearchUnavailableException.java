package org.dossier.search;

/** The search engine cannot answer now (its index is being built, or the server is stopping): a 503, not a 500. */
public final class SearchUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SearchUnavailableException(String why) {
        super(why);
    }
}
