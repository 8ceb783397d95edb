package org.dossier.editing;

import java.time.Instant;
import org.dossier.documents.Attribution;
import org.dossier.documents.Permalinks;
import org.dossier.documents.RecordVersion;

/**
 * One version of a record as the history lists it: who saved it, when, why, and for imports from
 * where. {@code withdrawnReason} is set when the record stood withdrawn in this version.
 */
public record Revision(int documentId, int number, Instant createdAt, String author, String note, String source,
                       String withdrawnReason) {

    /** "May 1, 2026, 10:15 UTC" ({@link Attribution#whenInWords}). */
    public String when() {
        return Attribution.whenInWords(createdAt);
    }

    public boolean imported() {
        return source != null;
    }

    /** The note as a reader reads it ({@link Attribution#noteInWords}). */
    public String noteInWords() {
        return Attribution.noteInWords(note, source);
    }

    /** Whether the note already says where the version was imported from, so that it is said once. */
    public boolean noteSaysSource() {
        return Attribution.restatesSource(note, source);
    }

    public String path() {
        return Permalinks.history(documentId, number);
    }

    /** The version itself, whole, at the address its citations give. */
    public String versionPath() {
        return Permalinks.version(documentId, number);
    }

    /** The history's line for a version read whole. */
    public static Revision of(RecordVersion version) {
        return new Revision(version.documentId(), version.number(), version.createdAt(), version.author(),
                version.note(), version.source(), version.withdrawnReason());
    }
}
