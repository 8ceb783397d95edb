package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.testing.Http;

/** {@code /search.json} as a test reads it: the total, the ids of the page, and each facet as value to count. */
record SearchJson(JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SearchJson get(Http http, String query) {
        HttpResponse<String> response = http.get("/search.json" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return new SearchJson(JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long total() {
        return body.get("total").asLong();
    }

    List<Integer> ids() {
        List<Integer> ids = new ArrayList<>();
        body.get("documents").forEach(d -> ids.add(d.get("id").asInt()));
        return ids;
    }

    /** The facet's values in the order given, each with its count. */
    Map<String, Long> facet(String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        body.get("facets").get(name).forEach(v -> counts.put(v.get("value").asText(), v.get("count").asLong()));
        return counts;
    }
}
