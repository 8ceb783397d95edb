package org.dossier.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.jooq.DSLContext;

/**
 * Makes {@link Citation}s: of the record a reader is looking at, of one of its versions, or of
 * many current records at once for an export. The access date is today, in UTC.
 */
public final class Citations {

    private final DSLContext db;
    private final Archive archive;
    private final Clock clock;

    public Citations(DSLContext db, Archive archive, Clock clock) {
        this.db = db;
        this.archive = archive;
        this.clock = clock;
    }

    public Archive archive() {
        return archive;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The citation of a record's current version. */
    public Citation of(DocumentDetails record, String siteUrl) {
        return of(record.id(), record.version(), record, siteUrl);
    }

    /** The citation of one version of a record, as it was then. */
    public Citation of(RecordVersion version, String siteUrl) {
        return of(version.documentId(), version.number(), version, siteUrl);
    }

    /** Either of the two above: what a record says is cited alike, now or as one of its versions said it. */
    private Citation of(int id, int version, RecordContent said, String siteUrl) {
        return new Citation(id, version, said.title(), said.date(), Citation.genreOf(said.type()), said.summary(),
                said.people(), names(said.places()), archive.name(), siteUrl, today(), said.languages());
    }

    /**
     * The current versions of these records, in the order given: one batch of {@link #batches}.
     * Withdrawn records and ids that never existed are left out.
     */
    public List<Citation> current(List<Integer> ids, String siteUrl) {
        return batches(siteUrl).current(ids);
    }

    /**
     * For an export that loads its result list a batch at a time: each batch's citations in three
     * queries, whatever its size, the people, places and types named read once for the whole export.
     */
    public CitationBatches batches(String siteUrl) {
        return new CitationBatches(db, new Links(Map.of(), Map.of(), archive.name(), siteUrl, today()));
    }

    /**
     * What citing these records' current versions needs beyond their own row: their people and places,
     * read in one query each, whatever their number. For a page that has read the rows already (a
     * search page's hits, cited as COinS), so that they are not read again.
     */
    public Links linksOf(Collection<Integer> ids, String siteUrl) {
        if (ids.isEmpty()) {
            return new Links(Map.of(), Map.of(), archive.name(), siteUrl, today());
        }
        RecordQueries records = new RecordQueries(db);
        Map<Integer, List<PersonLink>> people = records.peopleOf(ids);
        people.replaceAll((id, list) -> list.stream().sorted(PersonLink.BY_ROLE).toList());
        return new Links(people, records.placeNamesOf(ids), archive.name(), siteUrl, today());
    }

    /** The people and places of some records, read once ({@link #linksOf}), and the rest a citation of them says. */
    public record Links(Map<Integer, List<PersonLink>> people, Map<Integer, List<String>> places, String archive,
                       String siteUrl, LocalDate accessed) {

        public Links {
            people = Map.copyOf(people);
            places = Map.copyOf(places);
        }

        /** The citation of the current version of one of the records read, given what its own row holds. */
        public Citation of(int id, int version, String title, Optional<DocumentDate> date, AuthorityRef type,
                           List<String> summary, Languages languages) {
            return new Citation(id, version, title, date, Citation.genreOf(type), summary,
                    people.getOrDefault(id, List.of()), places.getOrDefault(id, List.of()),
                    archive, siteUrl, accessed, languages);
        }
    }

    private static List<String> names(List<AuthorityRef> refs) {
        return refs.stream().map(AuthorityRef::name).toList();
    }
}
