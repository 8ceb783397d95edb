package org.dossier.editing;

import java.util.List;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.PersonLink;

/** A record whole, as one revision stored it. {@code type} is null for none. */
public record RevisionContent(Revision revision, String title, List<String> summary, DocumentDate date,
                              AuthorityRef type, List<PersonLink> people, List<AuthorityRef> places, String slug) {

    public RevisionContent {
        summary = List.copyOf(summary);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    public String summaryText() {
        return String.join("\n\n", summary);
    }
}
