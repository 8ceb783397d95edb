package org.dossier.catalogue;

import java.util.List;
import java.util.Map;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RelatedRecords;
import org.dossier.search.SearchEngine;

/** Related records: the engine picks them from its index, the database gives their titles and addresses. */
public final class RelatedSearch implements RelatedRecords {

    private final SearchEngine engine;
    private final ListingQuery listing;

    public RelatedSearch(SearchEngine engine, ListingQuery listing) {
        this.engine = engine;
        this.listing = listing;
    }

    @Override
    public List<Link> of(int documentId) {
        List<Integer> ids = engine.related(documentId, LIMIT);
        Map<Integer, ListedDocument> documents = listing.byIds(ids);
        return ids.stream().filter(documents::containsKey).map(documents::get)
                .map(d -> new Link(d.title(), d.path(), DocumentDate.display(d.date()), d.languages().of(d.title()))).toList();
    }
}
