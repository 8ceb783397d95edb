package org.dossier.catalogue;

import java.util.List;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Permalinks;

/** A record as a list shows it. {@code typeLabel} is null for a record without a type. */
public record ListedDocument(int id, String title, List<String> summary, DocumentDate date, String slug,
                             String typeLabel) {

    public ListedDocument {
        summary = List.copyOf(summary);
    }

    public String path() {
        return Permalinks.canonical(id, slug);
    }
}
