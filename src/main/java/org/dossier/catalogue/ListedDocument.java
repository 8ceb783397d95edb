package org.dossier.catalogue;

import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.Citation;
import org.dossier.documents.Citations;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.Permalinks;

/**
 * A record as a list shows it. {@code type} is null for a record without a type; it is the whole
 * type (id, key, name), as the record's own JSON gives it, so that a search's JSON can too. Its
 * {@code languages} tell the {@code lang} of a title or summary written in one of them. Its
 * {@code version}, the current one, is what a search page's COinS cite ({@link #citation}).
 */
public record ListedDocument(int id, String title, List<String> summary, Optional<DocumentDate> date, String slug,
                             AuthorityRef type, Languages languages, int version) {

    public ListedDocument {
        summary = List.copyOf(summary);
        java.util.Objects.requireNonNull(languages, "languages (Languages.NONE for none)");
    }

    /** The type's name as a list shows it; null for a record without a type. */
    public String typeLabel() {
        return type == null ? null : type.name();
    }

    /** Its citation, its people and places taken from {@code links} (read for the whole page at once). */
    public Citation citation(Citations.Links links) {
        return links.of(id, version, title, date, type, summary, languages);
    }

    public String path() {
        return Permalinks.canonical(id, slug);
    }
}
