package org.dossier.documents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.PersonRole;

/**
 * One version of a record exactly as it was saved: what it said, when, by whom ('import' or an
 * editor), the note, and for imports the source ('file:line').
 * {@code type} is null for a version without one; {@code withdrawnReason} is set when this
 * version took the record out of the catalogue.
 */
public record RecordVersion(int documentId, int number, Instant createdAt, String author, String note,
                            String source, String title,
                            List<String> summary, Optional<DocumentDate> date, AuthorityRef type, Languages languages,
                            List<PersonLink> people, List<AuthorityRef> places, String slug,
                            String withdrawnReason) implements RecordContent {

    /** The note as a reader reads it ({@link Attribution#noteInWords}). */
    public String noteInWords() {
        return Attribution.noteInWords(note, source);
    }


    public RecordVersion {
        summary = List.copyOf(summary);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    /** The people grouped by role. */
    public PeopleInRoles roles() {
        return new PeopleInRoles(people);
    }

    public boolean withdrawal() {
        return withdrawnReason != null;
    }

    public String path() {
        return Permalinks.version(documentId, number);
    }

    /** The summary as stored: paragraphs separated by one blank line. */
    public String summaryText() {
        return String.join("\n\n", summary);
    }

    /** What this version says, as a writer takes it: for restoring it. */
    public RecordDraft draft() {
        Map<Integer, PersonRole> roles = new java.util.LinkedHashMap<>();
        people.forEach(p -> roles.put(p.id(), p.role()));
        SortedSet<Integer> placeIds = new TreeSet<>();
        places.forEach(p -> placeIds.add(p.id()));
        return new RecordDraft(title, summary, date, type == null ? null : type.id(), roles, placeIds, languages);
    }

    /** The day the version was saved, as a reader reads it ("May 1, 2026"). */
    public String savedOn() {
        return CitationStyle.longDate(createdAt.atZone(java.time.ZoneOffset.UTC).toLocalDate());
    }
}
