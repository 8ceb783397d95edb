package org.dossier.authorities;

/** A save was based on a version of a person or place that is no longer the current one. */
public final class StaleAuthorityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final int currentVersion;

    public StaleAuthorityException(String key, int expectedVersion, int currentVersion) {
        super(key + " is at version " + currentVersion + ", not " + expectedVersion);
        this.key = key;
        this.currentVersion = currentVersion;
    }

    /** The key of the one that changed: in a merge, the one merged away (its survivor is taken as it is). */
    public String key() {
        return key;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
