package org.dossier.importing;

import java.util.List;
import org.dossier.authorities.ListDifferences;

/**
 * What an import run did: how many entries made new records and how many were already there, where
 * the authority lists differ from what editors made of them (kept, never overwritten) and which forms
 * of a name they give an entry that another has (left with that one), and what the folders imported
 * hold that is no seed page, so not read ({@link ImportRun#listing}).
 */
public record ImportReport(int files, int entries, int created, int alreadyThere, ListDifferences lists,
                           List<String> notRead) {

    public ImportReport {
        java.util.Objects.requireNonNull(lists, "an import's lists report at least ListDifferences.NONE");
        notRead = List.copyOf(notRead);
    }

    public ImportReport(int files, int entries, int created, int alreadyThere) {
        this(files, entries, created, alreadyThere, ListDifferences.NONE, List.of());
    }

    /** Every line of the lists' report, of both kinds ({@link ListDifferences#all}). */
    public List<String> authorityDifferences() {
        return lists.all();
    }

    public String summary() {
        return created + " new, " + alreadyThere + " already there (" + entries + " entries in " + files
                + (files == 1 ? " file)" : " files)");
    }
}
