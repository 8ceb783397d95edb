package org.dossier.documents;

import java.util.List;

/** What the record page lists under "Related records": up to five records to read next, most alike first. */
@FunctionalInterface
public interface RelatedRecords {

    int LIMIT = 5;

    /** No related records (a page without a search engine behind it). */
    RelatedRecords NONE = id -> List.of();

    List<Link> of(int documentId);

    /**
     * A related record as a link: its title, its canonical address, its date as shown, and the
     * {@code lang} of its title (null when the page's English: see {@link Languages#of}).
     */
    record Link(String title, String path, String date, String lang) {
    }
}
