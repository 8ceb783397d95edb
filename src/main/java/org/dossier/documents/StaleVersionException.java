package org.dossier.documents;

/** A save was based on a version that is no longer the current one: someone saved in between. */
public final class StaleVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int documentId;
    private final int expectedVersion;
    private final int currentVersion;

    public StaleVersionException(int documentId, int expectedVersion, int currentVersion) {
        super("document " + documentId + " is at version " + currentVersion + ", not " + expectedVersion);
        this.documentId = documentId;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public int documentId() {
        return documentId;
    }

    public int expectedVersion() {
        return expectedVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
