package org.dossier.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Zotero makes of the files a record downloads as, by the rules its importers apply to the
 * tags and fields the exports write: zotero/translators "RIS.js" (TY to item type, AU and A2 by
 * item type, a name with nothing after its comma in one field), "BibTeX.js" (entry type to item
 * type, the creators it reads, the date from the date, year and month fields in their order) and
 * zotero/utilities
 * {@code itemFromCSLJSON}, which "CSL JSON.js" calls (CSL type to item type; a creator type the
 * item type does not have becomes its primary one, the author). The rules are written out here, on
 * exactly what the exports send, so that a type or a name Zotero would misread shows.
 */
final class ZoteroImport {

    /** One creator as Zotero stores it; a name in one field ({@code fieldMode} 1) has no first name. */
    record Creator(String lastName, String firstName, String creatorType) {

        static Creator whole(String name, String creatorType) {
            return new Creator(name, null, creatorType);
        }
    }

    /** The item type and the creators of an imported item. */
    record Item(String itemType, List<Creator> creators) {
    }

    /** RIS.js's importTypeMap, for the types the export writes. */
    private static final Map<String, String> RIS_TYPES = Map.of("MANSCPT", "manuscript", "PCOMM", "letter");
    /**
     * BibTeX.js's bibtex2zoteroTypeMap: an entry of a type it does not name is not imported at all.
     * A {@code @misc} is a book.
     */
    private static final Map<String, String> BIBTEX_TYPES = Map.ofEntries(
            Map.entry("book", "book"), Map.entry("inbook", "bookSection"), Map.entry("incollection", "bookSection"),
            Map.entry("article", "journalArticle"), Map.entry("patent", "patent"), Map.entry("phdthesis", "thesis"),
            Map.entry("unpublished", "manuscript"), Map.entry("inproceedings", "conferencePaper"),
            Map.entry("conference", "conferencePaper"), Map.entry("techreport", "report"), Map.entry("booklet", "book"),
            Map.entry("manual", "book"), Map.entry("mastersthesis", "thesis"), Map.entry("misc", "book"),
            Map.entry("proceedings", "book"), Map.entry("online", "webpage"), Map.entry("thesis", "thesis"),
            Map.entry("letter", "letter"), Map.entry("movie", "film"), Map.entry("artwork", "artwork"),
            Map.entry("report", "report"), Map.entry("legislation", "bill"), Map.entry("jurisdiction", "case"),
            Map.entry("audio", "audioRecording"), Map.entry("video", "videoRecording"),
            Map.entry("software", "computerProgram"), Map.entry("inreference", "encyclopediaArticle"),
            Map.entry("collection", "book"), Map.entry("mvbook", "book"));
    /** The creator types Zotero's item types have, for the ones the exports lead to. */
    private static final Map<String, Set<String>> CREATOR_TYPES = Map.of(
            "manuscript", Set.of("author", "contributor", "translator"),
            "letter", Set.of("author", "contributor", "recipient"));

    private ZoteroImport() {
    }

    /** The first reference of a RIS file, as RIS.js imports it. */
    static Item ris(String ris) {
        String itemType = null;
        List<Creator> creators = new ArrayList<>();
        for (String line : ris.split("\r\n")) {
            if (line.length() < 6) {
                continue;
            }
            String tag = line.substring(0, 2);
            String value = line.substring(6).strip();
            if (tag.equals("ER")) {
                break;
            }
            switch (tag) {
                case "TY" -> itemType = RIS_TYPES.getOrDefault(value, "journalArticle");
                // fieldMap.AU: __default "creators/author"
                case "AU", "A1" -> creators.add(risCreator(value, "author"));
                // fieldMap.A2: "creators/recipient" for a letter; no __default, and the degenerate
                // map has no A2: for a manuscript the value is unknown and dropped.
                case "A2" -> {
                    if ("letter".equals(itemType)) {
                        creators.add(risCreator(value, "recipient"));
                    }
                }
                default -> {
                }
            }
        }
        return new Item(itemType, creators);
    }

    /** processTag: the last name before the first comma, the first name after it; none, one field. */
    private static Creator risCreator(String value, String creatorType) {
        String lastName = value.split("\\s*,\\s*")[0];
        String firstName = value.substring(lastName.length()).replaceFirst("^\\s*,\\s*", "");
        return new Creator(lastName, firstName.isEmpty() ? null : firstName, creatorType);
    }

    /**
     * The first entry of a BibTeX file, as BibTeX.js imports it: its type by bibtex2zoteroTypeMap
     * (null when the map has no such type and the entry is dropped), and creators only from
     * {@code author}, {@code editor} and {@code translator} (processField reads no other name
     * field: a {@code recipient} is not imported). A name is split at its commas outside braces:
     * the first piece the last name, the last the first name, a suffix between them put after it
     * ("Davies, Jr., John Paton" is "Davies", "John Paton, Jr."); a braced name or a single word is
     * one field.
     */
    static Item bibTeX(String bib) {
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("@([A-Za-z]+)\\s*\\{").matcher(bib);
        if (!entry.find()) {
            throw new IllegalArgumentException("no entry in " + bib);
        }
        String itemType = BIBTEX_TYPES.get(entry.group(1).toLowerCase(java.util.Locale.ROOT));
        List<Creator> creators = new ArrayList<>();
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("(?m)^\\s*(author|editor|translator)\\s*=\\s*\\{(.*)\\},?$").matcher(bib.substring(entry.end()));
        while (field.find()) {
            for (String name : splitUnprotected(field.group(2), " and ")) {
                List<String> pieces = splitUnprotected(name, ",");
                if (pieces.size() > 1) {
                    // BibTeX's "von Last, Jr, First": the last piece is the first name, the first
                    // the last name, and what is between (the suffix) goes after the first name.
                    String firstName = pieces.get(pieces.size() - 1);
                    if (pieces.size() > 2) {
                        firstName += ", " + String.join(", ", pieces.subList(1, pieces.size() - 1));
                    }
                    creators.add(new Creator(unbraced(pieces.get(0)), unbraced(firstName), field.group(1)));
                } else if (splitUnprotected(name, " ").size() > 1) {
                    // Zotero.Utilities.cleanAuthor: the last word is the last name.
                    String whole = unbraced(name);
                    int space = whole.lastIndexOf(' ');
                    creators.add(new Creator(whole.substring(space + 1), whole.substring(0, space), field.group(1)));
                } else {
                    creators.add(Creator.whole(unbraced(name), field.group(1)));
                }
            }
        }
        return new Item(itemType, creators);
    }

    /** BibTeX.js's splitUnprotected: the parts of a text between delimiters outside braces, stripped. */
    private static List<String> splitUnprotected(String text, String delimiter) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && text.startsWith(delimiter, i)) {
                parts.add(text.substring(start, i).strip());
                start = i + delimiter.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }

    /** The text of a name with its protecting braces taken away, as unescapeBibTeX leaves it. */
    private static String unbraced(String text) {
        return text.replaceAll("(?<!\\\\)[{}]", "").strip();
    }

    /**
     * The date BibTeX.js gives the first entry of a file, from its {@code date}, {@code year} and
     * {@code month} fields in the order they come: a date replaces what is there; a year is added
     * to a date that does not hold it; a month (a macro: "jul") is put before the date so far, or
     * replaces it when it holds it.
     */
    static String bibTeXDate(String bib) {
        String date = null;
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^\\s*(date|year|month)\\s*=\\s*\\{?([^},]*)\\}?,?$").matcher(bib);
        List<String> months = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        while (m.find()) {
            String value = m.group(2);
            switch (m.group(1)) {
                case "date" -> date = value;
                case "year" -> date = date == null ? value : date.contains(value) ? date : date + value;
                default -> {
                    int month = months.indexOf(value.toLowerCase(java.util.Locale.ROOT));
                    String name = month < 0 ? value + " " : java.time.Month.of(month + 1)
                            .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
                    date = date == null ? name : name.contains(date) ? name : name + date;
                }
            }
        }
        return date;
    }

    /** Every item of a CSL-JSON array, as itemFromCSLJSON imports it. */
    static List<Item> cslJson(String json) throws Exception {
        List<Item> items = new ArrayList<>();
        for (JsonNode csl : new ObjectMapper().readTree(json)) {
            // CSL_TYPE_MAPPINGS_REVERSE: manuscript -> manuscript, letter -> letter
            String itemType = switch (csl.get("type").asText()) {
                case "manuscript" -> "manuscript";
                case "letter", "personal_communication" -> "letter";
                default -> "document";
            };
            List<Creator> creators = new ArrayList<>();
            for (String variable : List.of("author", "recipient")) {
                String creatorType = CREATOR_TYPES.get(itemType).contains(variable) ? variable : "author";
                for (JsonNode name : csl.path(variable)) {
                    if (name.has("family") || name.has("given")) {
                        creators.add(new Creator(name.path("family").asText(""), name.path("given").asText(""),
                                creatorType));
                    } else if (name.has("literal")) {
                        creators.add(Creator.whole(name.get("literal").asText(), creatorType));
                    }
                }
            }
            items.add(new Item(itemType, creators));
        }
        return items;
    }
}
