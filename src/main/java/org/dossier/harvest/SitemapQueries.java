package org.dossier.harvest;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dossier.authorities.AuthorityKind;
import org.dossier.documents.Permalinks;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the sitemaps read ({@link Sitemaps}): the records in the catalogue, the blocks of ids they
 * are split into past one file's limit, and the people's and places' pages, each with the time it
 * last changed.
 */
final class SitemapQueries {

    /** A page a sitemap lists: its path on the site, and when what it says last changed, where that is known. */
    record Page(String path, Optional<Instant> lastmod) {
    }

    /** A child sitemap of records: its number, and the last change of its records. */
    record Block(int number, Instant lastmod) {
    }

    private final DSLContext db;
    /** How many ids a child sitemap's block holds. */
    private final int urlsPerFile;

    SitemapQueries(DSLContext db, int urlsPerFile) {
        this.db = db;
        this.urlsPerFile = urlsPerFile;
    }

    /** The newest record's time: what a sitemap's validator is made of. One probe of an index. */
    Instant lastChange() {
        return db.fetchValue(DSL.select(DSL.max(DOCUMENT.UPDATED_AT)).from(DOCUMENT));
    }

    /** Whether the catalogue's records fit one file; past that the sitemap is an index of blocks. */
    boolean fitOneFile() {
        return db.select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE) <= urlsPerFile;
    }

    /** Each block of ids that holds a record in the catalogue, in order, with its records' last change. */
    List<Block> blocks() {
        Field<Integer> block = DOCUMENT.ID.minus(1).div(urlsPerFile).plus(1).as("block");
        Field<Instant> lastmod = DSL.max(DOCUMENT.UPDATED_AT).as("lastmod");
        // Every id (they start at 1), said as a range on the id: without one SQLite read the live
        // records through the titles' index and each record for its date (6-12 s at a million);
        // with it, the live records' id index, which holds the date (0.4 s).
        return db.select(block, lastmod).from(DOCUMENT)
                .where(DOCUMENT.WITHDRAWN_AT.isNull().and(DOCUMENT.ID.ge(1)))
                .groupBy(block).orderBy(block).fetch(r -> new Block(r.get(block), r.get(lastmod)));
    }

    /** The last version's time of any person or place: the names' child sitemap's last change. */
    Optional<Instant> namesChanged() {
        return Optional.ofNullable(db.fetchValue(DSL.select(DSL.max(AUTHORITY_VERSION.CREATED_AT)).from(AUTHORITY_VERSION)));
    }

    /** Every record in the catalogue, by id, read from a cursor as the stream is read: close it. */
    Stream<Page> records() {
        return records(DSL.trueCondition());
    }

    /** The records in the catalogue whose ids are in the {@code block}-th block, by id: close the stream. */
    Stream<Page> recordsInBlock(int block) {
        return records(inBlock(block));
    }

    boolean blockHasRecords(int block) {
        return db.fetchExists(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull().and(inBlock(block)));
    }

    private Stream<Page> records(Condition which) {
        return db.select(DOCUMENT.ID, DOCUMENT.SLUG, DOCUMENT.UPDATED_AT)
                .from(DOCUMENT).where(DOCUMENT.WITHDRAWN_AT.isNull().and(which))
                .orderBy(DOCUMENT.ID).fetchSize(1_000).fetchStream()
                .map(r -> new Page(Permalinks.canonical(r.get(DOCUMENT.ID), r.get(DOCUMENT.SLUG)),
                        Optional.of(r.get(DOCUMENT.UPDATED_AT))));
    }

    /**
     * Each person's and then each place's page, by key (not one merged away: its address leads to
     * the survivor's), with its last version's time.
     */
    List<Page> names() {
        Field<Instant> changed = DSL.max(AUTHORITY_VERSION.CREATED_AT).as("changed");
        var people = db.select(PERSON.KEY, changed).from(PERSON).leftJoin(AUTHORITY_VERSION)
                .on(AUTHORITY_VERSION.FACET.eq(AuthorityKind.PERSON.key()), AUTHORITY_VERSION.AUTHORITY_ID.eq(PERSON.ID))
                .where(PERSON.MERGED_INTO.isNull()).groupBy(PERSON.ID, PERSON.KEY).orderBy(PERSON.KEY)
                .fetch(r -> new Page(AuthorityKind.PERSON.path(r.get(PERSON.KEY)), Optional.ofNullable(r.get(changed))));
        var places = db.select(PLACE.KEY, changed).from(PLACE).leftJoin(AUTHORITY_VERSION)
                .on(AUTHORITY_VERSION.FACET.eq(AuthorityKind.PLACE.key()), AUTHORITY_VERSION.AUTHORITY_ID.eq(PLACE.ID))
                .where(PLACE.MERGED_INTO.isNull()).groupBy(PLACE.ID, PLACE.KEY).orderBy(PLACE.KEY)
                .fetch(r -> new Page(AuthorityKind.PLACE.path(r.get(PLACE.KEY)), Optional.ofNullable(r.get(changed))));
        return Stream.concat(people.stream(), places.stream()).toList();
    }

    private Condition inBlock(int block) {
        long first = (long) (block - 1) * urlsPerFile + 1;
        return DOCUMENT.ID.between((int) Math.min(first, Integer.MAX_VALUE),
                (int) Math.min(first + urlsPerFile - 1, Integer.MAX_VALUE));
    }
}
