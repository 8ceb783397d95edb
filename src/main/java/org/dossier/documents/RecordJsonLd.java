package org.dossier.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema.org description of a record for search engines and reference managers: an
 * {@code ArchiveComponent} held by the archive, dated only as precisely as it is known.
 */
public final class RecordJsonLd {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordJsonLd() {
    }

    /**
     * The JSON-LD text, safe to put inside a {@code <script>} element: {@code <}, {@code >} and
     * {@code &} are written as JSON escapes, so no text in a record can close the element.
     *
     * @param pageUrl the address of the page that carries it
     */
    public static String of(Citation c, String pageUrl) {
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("@type", "ArchiveOrganization");
        archive.put("name", c.archive());
        archive.put("url", c.siteUrl() + "/");
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("@type", "Collection");
        collection.put("name", c.archive());
        collection.put("url", c.siteUrl() + "/");

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", "https://schema.org");
        json.put("@type", "ArchiveComponent");
        json.put("@id", c.permalink());
        json.put("name", c.title());
        json.put("dateCreated", c.date().iso());
        if (c.genre() != null) {
            json.put("genre", c.genre());
        }
        if (!c.summary().isEmpty()) {
            json.put("description", c.summaryText());
        }
        json.put("url", pageUrl);
        json.put("identifier", c.permalink());
        json.put("version", String.valueOf(c.version()));
        if (!c.people().isEmpty()) {
            json.put("about", c.people().stream().map(p -> Map.of("@type", "Person", "name", p)).toList());
        }
        if (!c.places().isEmpty()) {
            json.put("spatialCoverage", c.places().stream().map(p -> Map.of("@type", "Place", "name", p)).toList());
        }
        json.put("isPartOf", collection);
        json.put("holdingArchive", archive);
        json.put("publisher", archive);
        try {
            return scriptSafe(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record's JSON-LD could not be written", e);
        }
    }

    /**
     * JSON that a {@code <script>} element cannot end early. The characters replaced only occur
     * inside JSON strings, where the escapes mean the same.
     */
    static String scriptSafe(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
