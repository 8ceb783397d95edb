package org.dossier.editing;

import io.javalin.http.Context;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.StoredAuthority;
import org.dossier.catalogue.AuthorityPage;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.web.BadRequest;

/** Reading what editing forms post, strictly: a missing or garbled hidden field is a 400. */
final class Forms {

    private Forms() {
    }

    /** A whole number the form itself put there (a version, a revision number). */
    static int number(Context ctx, String name) {
        String raw = ctx.formParam(name);
        if (raw == null || !raw.strip().matches("[0-9]{1,9}")) {
            throw new BadRequest("The form's '" + name + "' field is missing or is not a number; "
                    + "reload the page and try again.");
        }
        return Integer.parseInt(raw.strip());
    }

    /** The person or place whose key the address names ({@code /admin/people/{key}/edit}), or a 404. */
    static StoredAuthority authority(Context ctx, AuthorityRecords authorities, AuthorityKind kind) {
        String key = ctx.pathParam("key");
        return authorities.find(kind, key).orElseThrow(() -> AuthorityPage.missing(kind, key));
    }

    /**
     * Whether the version the record is at now is {@code author}'s, saved with {@code note}: the same
     * form sent again (a double click, whose browser shows the second answer) finds its change made
     * by the first, and goes on as done rather than saying that someone changed the record meanwhile.
     */
    static boolean sentAgain(Revisions revisions, DocumentDetails now, String author, String note) {
        return revisions.find(now.id(), now.version())
                .filter(version -> version.author().equals(author) && version.note().equals(note)).isPresent();
    }

    static DocumentDetails record(RecordQueries records, int id) {
        return records.find(id).orElseThrow(() -> RecordPage.missing(id));
    }
}
