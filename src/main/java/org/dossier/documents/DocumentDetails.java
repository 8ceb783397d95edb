package org.dossier.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;

/**
 * A record as the record page shows it. {@code type} is null for a record without one;
 * {@code withdrawnReason} and {@code withdrawnAt} are null unless the record was withdrawn.
 */
public record DocumentDetails(int id, String title, List<String> summary, Optional<DocumentDate> date, String slug,
                              int version, AuthorityRef type, Languages languages, List<PersonLink> people,
                              List<AuthorityRef> places, List<Source> sources, Instant createdAt,
                              Instant updatedAt, String withdrawnReason, Instant withdrawnAt)
        implements RecordContent {

    /** Where the record was seen in the imported pages. */
    public record Source(String file, int position, int line) {
        public String location() {
            return file + ":" + line;
        }
    }

    public DocumentDetails {
        summary = List.copyOf(summary);
        people = List.copyOf(people);
        places = List.copyOf(places);
        sources = List.copyOf(sources);
    }

    /** The people grouped by role. */
    public PeopleInRoles roles() {
        return new PeopleInRoles(people);
    }

    /** The date as every page writes it, "Undated" ({@link DocumentDate#UNDATED}) for none. */
    public String displayDate() {
        return DocumentDate.display(date);
    }

    public boolean withdrawn() {
        return withdrawnReason != null;
    }

    /** The day the record was withdrawn, as a reader reads it ("May 1, 2026"). */
    public String withdrawnOn() {
        return withdrawnAt == null ? null
                : new DocumentDate(withdrawnAt.atZone(java.time.ZoneOffset.UTC).toLocalDate(), DatePrecision.DAY).display();
    }

    public String permanentPath() {
        return Permalinks.permanent(id);
    }

    public String canonicalPath() {
        return Permalinks.canonical(id, slug);
    }

    public String jsonPath() {
        return Permalinks.json(id);
    }

    public String historyPath() {
        return Permalinks.history(id);
    }

    public String historyPath(int number) {
        return Permalinks.history(id, number);
    }

    public String editPath() {
        return Permalinks.edit(id);
    }

    public String withdrawPath() {
        return Permalinks.withdraw(id);
    }

    public String reinstatePath() {
        return Permalinks.reinstate(id);
    }

    public String restorePath() {
        return Permalinks.restore(id);
    }
}
