package org.dossier.catalogue;

import java.util.List;
import org.dossier.search.SortOrder;
import org.dossier.web.Pagination;

/** One page of a list of records, with where it stands in the whole. */
public record Listing(Pagination pagination, SortOrder sort, List<ListedDocument> documents) {

    public Listing {
        documents = List.copyOf(documents);
    }
}
