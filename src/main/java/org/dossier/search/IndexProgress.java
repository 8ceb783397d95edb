package org.dossier.search;

/** Told, as the index is built, how many records have been read of how many. */
@FunctionalInterface
public interface IndexProgress {

    void indexed(long done, long total);
}
