package org.dossier.authorities;

/**
 * A merge cannot be undone because the one that took its records has itself been merged into
 * another since: its records moved on, and undoing the first merge would bring the survivor back
 * to life half-way (out of the lists' merged state, its forms held twice). The later merge is
 * undone first.
 */
public final class SurvivorMergedAwayException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final StoredAuthority survivor;

    public SurvivorMergedAwayException(StoredAuthority survivor) {
        super(survivor.key() + " was merged into " + survivor.mergedInto() + " since");
        this.survivor = survivor;
    }

    /** The one the merge went into, as it is now (merged into {@link StoredAuthority#mergedInto}). */
    public StoredAuthority survivor() {
        return survivor;
    }
}
