package org.dossier.search;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the catalogue listing and search hits are ordered, by its URL value ({@code ?sort=-date}).
 * Relevance needs words to rank by: without them, search orders newest first.
 */
public enum SortOrder {
    RELEVANCE("relevance", "Relevance"),
    DATE_NEWEST("-date", "Newest first"),
    DATE_OLDEST("date", "Oldest first"),
    TITLE("title", "Title A–Z");

    private final String value;
    private final String label;

    SortOrder(String value, String label) {
        this.value = value;
        this.label = label;
    }

    /** The value in URLs; templates cannot call a method named 'param'. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static Set<String> urlValues() {
        return Arrays.stream(values()).map(SortOrder::value).collect(Collectors.toUnmodifiableSet());
    }

    public static SortOrder fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sort '" + value + "'"));
    }
}
