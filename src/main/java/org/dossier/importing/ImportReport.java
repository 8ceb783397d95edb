package org.dossier.importing;

/** What an import run did: how many entries made new records and how many were already there. */
public record ImportReport(int files, int entries, int created, int alreadyThere) {

    public String summary() {
        return created + " new, " + alreadyThere + " already there (" + entries + " entries in " + files
                + (files == 1 ? " file)" : " files)");
    }
}
