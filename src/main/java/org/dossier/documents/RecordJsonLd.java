package org.dossier.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.authorities.PersonRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema.org description of a record for search engines and reference managers: an
 * {@code ArchiveComponent} held by the archive, dated only as precisely as it is known, with its
 * {@code author}s; one sent to someone is also a {@code Message}, whose {@code recipient} it names.
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
        return written(describe(c, pageUrl, c.permalink()));
    }

    /**
     * The same for one saved version, on its own page: a node of its own ({@code @id} its address),
     * an {@code exampleOfWork} of the record. With the record's {@code @id} and its own
     * {@code version}, a crawler that merges nodes by {@code @id} made one record of every version,
     * with every version's title, date and people at once.
     */
    public static String ofVersion(Citation c) {
        Map<String, Object> json = describe(c, c.url(), c.url());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@type", "ArchiveComponent");
        record.put("@id", c.permalink());
        record.put("url", c.permalink());
        json.put("exampleOfWork", record);
        return written(json);
    }

    private static String written(Map<String, Object> json) {
        try {
            return scriptSafe(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record's JSON-LD could not be written", e);
        }
    }

    private static Map<String, Object> describe(Citation c, String pageUrl, String id) {
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
        // A document sent to someone is also a schema.org Message, the type that has a recipient.
        json.put("@type", c.sent() ? List.of("ArchiveComponent", "Message") : "ArchiveComponent");
        json.put("@id", id);
        json.put("name", c.title());
        c.date().ifPresent(date -> json.put("dateCreated", date.start().iso())); // one Date: a span's start; none undated
        if (c.genre() != null) {
            json.put("genre", c.genre());
        }
        if (!c.languages().isEmpty()) {
            json.put("inLanguage", c.languages().tags().size() == 1 ? c.languages().tags().get(0) : c.languages().tags());
        }
        if (!c.summary().isEmpty()) {
            json.put("description", c.summaryText());
        }
        json.put("url", pageUrl);
        json.put("identifier", c.permalink());
        json.put("version", String.valueOf(c.version()));
        if (!c.authors().isEmpty()) {
            json.put("author", agents(c.authors()));
        }
        if (!c.recipients().isEmpty()) {
            json.put("recipient", agents(c.recipients()));
        }
        List<PersonLink> others = c.people().stream()
                .filter(p -> p.role() == PersonRole.PARTICIPANT || p.role() == PersonRole.MENTIONED).toList();
        if (!others.isEmpty()) {
            json.put("about", agents(others));
        }
        if (!c.places().isEmpty()) {
            json.put("spatialCoverage", c.places().stream().map(RecordJsonLd::place).toList());
        }
        json.put("isPartOf", collection);
        json.put("holdingArchive", archive);
        json.put("publisher", archive);
        return json;
    }

    /** In a fixed order, as every object here is, so that the page is the same bytes on every start and every node. */
    private static Map<String, Object> place(String name) {
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("@type", "Place");
        place.put("name", name);
        return place;
    }

    /** People as schema.org {@code Person}s, organisations as {@code Organization}s. */
    private static List<Map<String, Object>> agents(List<PersonLink> people) {
        return people.stream().map(p -> {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("@type", p.organisation() ? "Organization" : "Person");
            agent.put("name", p.name());
            if (!p.organisation()) {
                agent.put("familyName", p.family());
                if (!p.given().isEmpty()) {
                    agent.put("givenName", p.given());
                }
                if (!p.suffix().isEmpty()) {
                    agent.put("honorificSuffix", p.suffix());
                }
            }
            return agent;
        }).toList();
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
