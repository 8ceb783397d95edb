package org.dossier.documents;

import java.util.Set;

/**
 * Told, after a write has committed, which records it changed, so that what is derived from the
 * database (the search index, caches) follows every import and every edit by one path.
 */
@FunctionalInterface
public interface ChangeListener {

    void changed(Set<Integer> documentIds);
}
