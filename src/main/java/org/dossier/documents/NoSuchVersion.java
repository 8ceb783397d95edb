package org.dossier.documents;

import org.dossier.web.NotFound;

/**
 * A version asked of a history that has none by that number, a record's or a person's or place's:
 * a version's page, a history's page of one version, a restore form's post. Each says it in the
 * same words, which name the versions there are, so that a reader who mistyped a citation's
 * number sees which ones to try.
 *
 * @param whose  whose history it is, as readers know it ("Document 24", "Joseph Stalin")
 * @param number the version asked
 * @param latest the newest version; a history's versions are numbered from 1 to it
 */
public record NoSuchVersion(String whose, int number, int latest) {

    public NoSuchVersion {
        if (whose == null || whose.isBlank()) {
            throw new IllegalArgumentException("a version not there is not there in someone's history: name it");
        }
        if (latest < 1) {
            throw new IllegalArgumentException("a history has at least version 1, not " + latest);
        }
    }

    /** A record's history, which readers know as "Document 24". */
    public static NoSuchVersion ofRecord(int id, int number, int latest) {
        return new NoSuchVersion("Document " + id, number, latest);
    }

    /** "Document 24 has no version 9: its versions are numbered 1 to 3." ("its only version is 1" for one). */
    public String words() {
        return whose + " has no version " + number + ": "
                + (latest == 1 ? "its only version is 1." : "its versions are numbered 1 to " + latest + ".");
    }

    /** The 404 a page or a post answers with. */
    public NotFound notFound() {
        return new NotFound(words());
    }
}
