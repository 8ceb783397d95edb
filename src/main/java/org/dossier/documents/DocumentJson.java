package org.dossier.documents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;

/** The JSON form of records, shared by the record's twin and the listings, so that keys never drift. */
public final class DocumentJson {

    private DocumentJson() {
    }

    /** What every JSON view of a record carries. */
    public static Map<String, Object> core(int id, String title, Optional<DocumentDate> date, List<String> summary,
                                           String siteUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("title", title);
        putDate(json, date);
        json.put("summary", String.join("\n\n", summary));
        json.put("paragraphs", summary);
        json.put("permalink", siteUrl + Permalinks.permanent(id));
        return json;
    }

    /** The record's JSON twin ({@code /documents/{id}.json}): what it says now. */
    public static Map<String, Object> details(DocumentDetails record, String siteUrl) {
        return twin(record, record, record.canonicalPath(), record.version(), record.updatedAt(), siteUrl);
    }

    /**
     * The JSON twin of one version ({@code /documents/{id}/v/{number}.json}): the same keys as the
     * record's, with what the record said at that version; {@code updated} is when that version was saved.
     */
    public static Map<String, Object> version(RecordVersion version, DocumentDetails record, String siteUrl) {
        return twin(version, record, version.path(), version.number(), version.createdAt(), siteUrl);
    }

    /**
     * The keys of both twins, written once so that a key added to one is in the other: what {@code said}
     * says (the record now, or one of its versions), at which address and version number, saved when;
     * the record's id, its creation and its sources are the record's whichever version is shown.
     */
    private static Map<String, Object> twin(RecordContent said, DocumentDetails record, String path, int number,
                                            Instant updated, String siteUrl) {
        Map<String, Object> json = core(record.id(), said.title(), said.date(), said.summary(), siteUrl);
        json.put("url", siteUrl + path);
        json.put("version", number);
        json.put("type", type(said.type()));
        json.put("languages", said.languages().tags());
        json.put("people", said.people().stream().map(DocumentJson::person).toList());
        json.put("places", said.places().stream().map(DocumentJson::authority).toList());
        json.put("created", record.createdAt().toString());
        json.put("updated", updated.toString());
        json.put("sources", record.sources());
        return json;
    }

    /**
     * A record's type, {@code {id, key, name}}, or null for a record without one: one shape in the
     * record's JSON, a version's and a search's hits ({@code key} is what {@code ?type=} takes).
     */
    public static Map<String, Object> type(AuthorityRef type) {
        return type == null ? null : authority(type);
    }

    /** What stays public of a withdrawn record: what it was, and why it went. */
    public static Map<String, Object> tombstone(DocumentDetails record, String siteUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("title", record.title());
        putDate(json, record.date());
        json.put("permalink", siteUrl + Permalinks.permanent(record.id()));
        // In a fixed order, as every object here is: the same bytes on every start and every node.
        Map<String, Object> withdrawn = new LinkedHashMap<>();
        withdrawn.put("reason", record.withdrawnReason());
        withdrawn.put("at", record.withdrawnAt().toString());
        json.put("withdrawn", withdrawn);
        return json;
    }

    /**
     * A record's date, the same keys wherever a record is: ISO as precise as it is known, the
     * precision, whether it is approximate, the same in EDTF ("1962~") and as a person reads it. A
     * span's {@code date} and {@code datePrecision} are its start's, so that a program reading one
     * date reads where it sorts; its end is {@code dateEnd} and {@code dateEndPrecision} (only for a
     * span), and {@code dateEdtf} the interval ("1961/1962"). An undated record has the same keys,
     * each null but {@code displayDate}, "Undated": a program finds no date rather than no key.
     */
    private static void putDate(Map<String, Object> json, Optional<DocumentDate> dated) {
        if (dated.isEmpty()) {
            json.put("date", null);
            json.put("datePrecision", null);
            json.put("dateCirca", null);
            json.put("dateEdtf", null);
            json.put("displayDate", DocumentDate.UNDATED);
            return;
        }
        DocumentDate date = dated.get();
        json.put("date", date.start().iso());
        json.put("datePrecision", date.precision().key());
        date.end().ifPresent(end -> {
            json.put("dateEnd", end.iso());
            json.put("dateEndPrecision", end.precision().key());
        });
        json.put("dateCirca", date.circa());
        json.put("dateEdtf", date.edtf());
        json.put("displayDate", date.display());
    }

    /** A person with the role they have in the record: {@code {id, key, name, role}}. */
    private static Map<String, Object> person(PersonLink person) {
        Map<String, Object> json = authority(person.ref());
        json.put("role", person.role().key());
        if (person.organisation()) {
            json.put("organisation", true);
        }
        return json;
    }

    private static Map<String, Object> authority(AuthorityRef ref) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ref.id());
        json.put("key", ref.key());
        json.put("name", ref.name());
        return json;
    }
}
