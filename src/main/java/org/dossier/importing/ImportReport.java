package org.dossier.importing;

import java.util.List;

/**
 * What an import run did: how many entries made new records and how many were already there, where
 * the authority lists differ from what editors made of them (kept, never overwritten), and what the
 * folders imported hold that is no seed page, so not read ({@link ImportRun#listing}).
 */
public record ImportReport(int files, int entries, int created, int alreadyThere, List<String> authorityDifferences,
                           List<String> notRead) {

    public ImportReport {
        authorityDifferences = List.copyOf(authorityDifferences);
        notRead = List.copyOf(notRead);
    }

    public ImportReport(int files, int entries, int created, int alreadyThere, List<String> authorityDifferences) {
        this(files, entries, created, alreadyThere, authorityDifferences, List.of());
    }

    public ImportReport(int files, int entries, int created, int alreadyThere) {
        this(files, entries, created, alreadyThere, List.of());
    }

    public String summary() {
        return created + " new, " + alreadyThere + " already there (" + entries + " entries in " + files
                + (files == 1 ? " file)" : " files)");
    }
}
