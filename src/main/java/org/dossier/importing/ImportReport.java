package org.dossier.importing;

import java.util.List;

/**
 * What an import run did: how many entries made new records and how many were already there, and
 * where the authority lists differ from what editors made of them (kept, never overwritten).
 */
public record ImportReport(int files, int entries, int created, int alreadyThere, List<String> authorityDifferences) {

    public ImportReport {
        authorityDifferences = List.copyOf(authorityDifferences);
    }

    public ImportReport(int files, int entries, int created, int alreadyThere) {
        this(files, entries, created, alreadyThere, List.of());
    }

    public String summary() {
        return created + " new, " + alreadyThere + " already there (" + entries + " entries in " + files
                + (files == 1 ? " file)" : " files)");
    }
}
