package org.dossier.search;

import java.util.List;
import org.dossier.documents.Keyed;

/**
 * How the catalogue listing and search hits are ordered, by its URL value ({@code ?sort=-date}).
 * Relevance needs words to rank by: without them, search orders newest first.
 */
public enum SortOrder implements Keyed {
    RELEVANCE("relevance", "Relevance"),
    DATE_NEWEST("-date", "Newest first"),
    DATE_OLDEST("date", "Oldest first"),
    TITLE("title", "Title A–Z");

    private final String key;
    private final String label;

    SortOrder(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Its value in URLs ({@code ?sort=-date}), named key as every enum names its URL value. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The orders a list offers, in the order it shows them: relevance only when there are words to rank by. */
    public static List<SortOrder> choices(boolean ranked) {
        return ranked ? List.of(RELEVANCE, DATE_NEWEST, DATE_OLDEST, TITLE) : List.of(DATE_NEWEST, DATE_OLDEST, TITLE);
    }

    public static SortOrder fromKey(String key) {
        return Keyed.byKey(values(), key)
                .orElseThrow(() -> new IllegalArgumentException("unknown sort '" + key + "'"));
    }
}
