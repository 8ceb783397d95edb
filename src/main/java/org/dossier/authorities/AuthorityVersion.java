package org.dossier.authorities;

import java.time.Instant;
import org.dossier.documents.Attribution;

/**
 * One version of a person or place, whole: who saved it, when and why, what it said, and for a
 * version that merged it into another the survivor's key and what the merge moved ({@code merge},
 * JSON read by {@link AuthorityMerge}).
 */
public record AuthorityVersion(AuthorityKind kind, String key, int number, Instant createdAt, String author,
                               String note, AuthorityContent content, String mergedInto, String merge) {

    /** "May 1, 2026, 10:15 UTC", as a record's history says it ({@link Attribution#whenInWords}). */
    public String when() {
        return Attribution.whenInWords(createdAt);
    }

    public String path() {
        return kind.historyPath(key, number);
    }

    /**
     * What the entry says once this version is restored over one named {@code nameNow}: this
     * version's content, keeping {@code nameNow} as a former name where it is another name, as a
     * rename keeps it ({@link AuthorityContent#keepingFormerName}), unless the editor said not to.
     */
    public AuthorityContent restoredOver(String nameNow, boolean keepName) {
        return keepName ? content.keepingFormerName(nameNow) : content;
    }

    public boolean mergeVersion() {
        return merge != null;
    }
}
