package org.dossier.documents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * CSL-JSON, the input of citeproc processors (Zotero, Pandoc, citeproc-java): an array of items.
 * {@code issued.date-parts} has one, two or three parts, so a month-only date stays a month. A
 * document sent to someone is a {@code personal_communication}, CSL's type for a letter, any other a
 * {@code manuscript}: Zotero imports the first as a letter, with its recipients, but a manuscript's
 * recipients as its authors (a manuscript has no recipients there).
 */
final class CslJsonFormat implements ExportFormat {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String mediaType() {
        return "application/vnd.citationstyles.csl+json; charset=utf-8";
    }

    @Override
    public String extension() {
        return "csl.json";
    }

    @Override
    public String label() {
        return "CSL-JSON";
    }

    @Override
    public Output open(Writer out) throws IOException {
        JsonGenerator json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        return new Output() {
            @Override
            public void write(Citation c) throws IOException {
                json.writeStartObject();
                json.writeStringField("id", c.key());
                json.writeStringField("type", c.sent() ? "personal_communication" : "manuscript");
                json.writeStringField("title", c.title());
                names(json, "author", c.authors());
                names(json, "recipient", c.recipients());
                if (!c.languages().isEmpty()) {
                    // CSL's language is one BCP 47 tag, which a processor reads to set the item's
                    // locale: the main one.
                    json.writeStringField("language", c.languages().tags().get(0));
                }
                if (c.genre() != null) {
                    json.writeStringField("genre", c.genre());
                }
                // An undated record has no issued: a CSL processor then prints the style's "no date"
                // term ("n.d." in en-US), as for any item without one.
                if (c.date().isPresent()) {
                    DocumentDate date = c.date().get();
                    json.writeFieldName("issued");
                    // CSL-JSON's range: a second array of parts, each end as precise as it is ([[1961], [1962]]).
                    java.util.List<int[]> issued = new java.util.ArrayList<>();
                    issued.add(datePartsOf(date.start()));
                    date.end().ifPresent(end -> issued.add(datePartsOf(end)));
                    dateParts(json, issued, date.circa());
                }
                json.writeFieldName("accessed");
                dateParts(json, java.util.List.of(new int[] {c.accessed().getYear(), c.accessed().getMonthValue(),
                        c.accessed().getDayOfMonth()}), false);
                json.writeStringField("version", String.valueOf(c.version()));
                json.writeStringField("archive", c.archive());
                json.writeStringField("URL", c.url());
                if (!c.summary().isEmpty()) {
                    json.writeStringField("abstract", c.summaryText());
                }
                if (!c.subjects().isEmpty()) {
                    json.writeStringField("keyword", String.join(", ", c.subjects()));
                }
                json.writeEndObject();
            }

            @Override
            public void close() throws IOException {
                json.writeEndArray();
                json.close();
                out.write('\n');
                out.flush();
            }
        };
    }

    /** [1943, 5, 10], [1942, 2] or [1950]: as many parts as the date is precise. */
    static int[] datePartsOf(DatePoint date) {
        int year = date.year();
        int month = date.earliest().getMonthValue();
        return switch (date.precision()) {
            case DAY -> new int[] {year, month, date.earliest().getDayOfMonth()};
            case MONTH -> new int[] {year, month};
            case YEAR -> new int[] {year};
        };
    }

    /**
     * A CSL name list: {@code family} and {@code given} for a person (with {@code static-ordering}
     * for a name written family name first, as citeproc-js reads it), {@code literal} for an
     * organisation, which no style should split or invert.
     */
    private static void names(JsonGenerator json, String variable, java.util.List<PersonLink> people)
            throws IOException {
        if (people.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(variable);
        for (PersonLink p : people) {
            json.writeStartObject();
            if (p.organisation()) {
                json.writeStringField("literal", p.name());
            } else {
                json.writeStringField("family", p.family());
                // The suffix after the given names ("John Paton, Jr."), where Zotero's CSL-JSON
                // import keeps it (it reads no suffix field) and citeproc-js parses it out as the
                // suffix; a name citeproc-js must not parse has it as its own field.
                String given = p.familyHasParticle() ? p.given() : p.givenAndSuffix();
                if (!given.isEmpty()) {
                    json.writeStringField("given", given);
                }
                if (p.familyHasParticle() && !p.suffix().isEmpty()) {
                    json.writeStringField("suffix", p.suffix());
                }
                if (p.familyHasParticle()) {
                    // "de Gaulle" is the family name, as its sort form says: without this,
                    // citeproc-js splits "de" off and the Chicago style cites "Gaulle, Charles de"
                    // and sorts it under G.
                    json.writeBooleanField("parse-names", false);
                }
                if (p.familyFirst() && !p.given().isEmpty()) {
                    // "Mao Zedong" is written family name first in every position: without this,
                    // citeproc puts a romanised name's given name first in a note ("Zedong Mao").
                    json.writeBooleanField("static-ordering", true);
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A CSL date; {@code circa}, CSL-JSON's flag for an approximate one, which citeproc-js prints "circa 1962" or "ca. 1962". */
    private static void dateParts(JsonGenerator json, java.util.List<int[]> ends, boolean circa) throws IOException {
        json.writeStartObject();
        json.writeFieldName("date-parts");
        json.writeStartArray();
        for (int[] parts : ends) {
            json.writeArray(parts, 0, parts.length);
        }
        json.writeEndArray();
        if (circa) {
            json.writeBooleanField("circa", true);
        }
        json.writeEndObject();
    }
}
