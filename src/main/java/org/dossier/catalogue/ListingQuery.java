package org.dossier.catalogue;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_TYPE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.app.Transactions;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.search.SortOrder;
import org.dossier.web.Pagination;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The catalogue in date or title order, a page at a time, straight from the database: each order
 * walks an index ({@code document_by_date}, {@code document_by_title}).
 */
public final class ListingQuery {

    /** A record's date, read as one value. */
    private static final Field<Optional<DocumentDate>> DATE = DocumentDate.stored(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA,
            DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);

    private final DSLContext db;

    public ListingQuery(DSLContext db) {
        this.db = db;
    }

    /** The records in the catalogue: one row that triggers keep exact (see V3__listing_at_scale.sql). */
    public long count() {
        return db.select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE);
    }

    /**
     * One page of the catalogue. The page's ids come from an index-only walk (the partial indexes
     * {@code document_live_by_date} and {@code document_live_by_title}); only its rows are read.
     */
    public Listing page(SortOrder sort, int page, int pageSize) {
        // Its counts and its rows read in one snapshot: a record written between the count and the
        // rows would otherwise shift the boundary between the dated and the undated records and show
        // a record of the page before again, or none of one at the boundary.
        return Transactions.reading(db, snapshot -> new ListingQuery(snapshot).pageOf(sort, page, pageSize));
    }

    private Listing pageOf(SortOrder sort, int page, int pageSize) {
        Pagination pagination = new Pagination(page, pageSize, count());
        long offset = pagination.offset();
        long total = pagination.total();
        // The dated records first, then the undated (date_key NULL, V22) in both date orders: each part
        // walked on its own through document_live_by_date, as SQLite sorts NULL first and PostgreSQL last.
        List<Integer> ids = new ArrayList<>();
        if (sort == SortOrder.TITLE) {
            ids.addAll(part(sort, DSL.noCondition(), total, offset, pageSize));
        } else {
            long undated = db.fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull().and(DOCUMENT.DATE_KEY.isNull()));
            long dated = Math.max(0, total - undated);
            if (offset < dated) {
                ids.addAll(part(sort, DOCUMENT.DATE_KEY.isNotNull(), dated, offset, Math.min(pageSize, dated - offset)));
            }
            long left = pageSize - ids.size();
            if (left > 0 && undated > 0) {
                ids.addAll(part(sort, DOCUMENT.DATE_KEY.isNull(), undated, Math.max(0, offset - dated), left));
            }
        }
        Map<Integer, ListedDocument> rows = byIds(ids);
        List<ListedDocument> documents = ids.stream().filter(rows::containsKey).map(rows::get).toList();
        return new Listing(pagination, sort, documents);
    }

    /** {@code rows} of the part of the list that {@code which} picks ({@code size} records), from {@code offset}. */
    private List<Integer> part(SortOrder sort, Condition which, long size, long offset, long rows) {
        if (offset > size / 2) {
            // The back half of a part is walked from its end, so the deepest page costs no more than the middle one.
            long taken = Math.max(0, Math.min(rows, size - offset));
            List<Integer> ids = new ArrayList<>(ids(which, reversed(sort), taken, Math.max(0, size - offset - taken)));
            Collections.reverse(ids);
            return ids;
        }
        return ids(which, order(sort), rows, offset);
    }

    private List<Integer> ids(Condition which, List<SortField<?>> order, long limit, long offset) {
        return db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.WITHDRAWN_AT.isNull(), which)
                .orderBy(order)
                .limit(limit).offset(offset)
                .fetch(DOCUMENT.ID);
    }

    /** The records with these ids that are in the catalogue (not withdrawn), by id. */
    public Map<Integer, ListedDocument> byIds(Collection<Integer> ids) {
        Map<Integer, ListedDocument> documents = new HashMap<>();
        if (ids.isEmpty()) {
            return documents;
        }
        db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY, DATE, DOCUMENT.SLUG, DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY,
                        DOCUMENT_TYPE.LABEL, DOCUMENT.LANGUAGES, DOCUMENT.VERSION)
                .from(DOCUMENT).leftJoin(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT.TYPE_ID))
                .where(DOCUMENT.ID.in(ids)).and(DOCUMENT.WITHDRAWN_AT.isNull())
                .forEach(r -> documents.put(r.get(DOCUMENT.ID), listed(r)));
        return documents;
    }

    private static ListedDocument listed(Record r) {
        return new ListedDocument(r.get(DOCUMENT.ID), r.get(DOCUMENT.TITLE), RecordDraft.paragraphs(r.get(DOCUMENT.SUMMARY)),
                r.get(DATE), r.get(DOCUMENT.SLUG), r.get(DOCUMENT_TYPE.ID) == null ? null
                        : new AuthorityRef(r.get(DOCUMENT_TYPE.ID), r.get(DOCUMENT_TYPE.KEY), r.get(DOCUMENT_TYPE.LABEL)),
                r.get(DOCUMENT.LANGUAGES), r.get(DOCUMENT.VERSION));
    }

    private static List<SortField<?>> reversed(SortOrder sort) {
        return switch (sort) {
            case DATE_OLDEST -> List.of(DOCUMENT.DATE_KEY.desc(), DOCUMENT.ID.desc());
            case TITLE -> List.of(DOCUMENT.SORT_TITLE.desc(), DOCUMENT.ID.desc());
            case DATE_NEWEST, RELEVANCE -> List.of(DOCUMENT.DATE_KEY.asc(), DOCUMENT.ID.asc());
        };
    }

    private static List<SortField<?>> order(SortOrder sort) {
        return switch (sort) {
            case DATE_OLDEST -> List.of(DOCUMENT.DATE_KEY.asc(), DOCUMENT.ID.asc());
            case TITLE -> List.of(DOCUMENT.SORT_TITLE.asc(), DOCUMENT.ID.asc());
            case DATE_NEWEST, RELEVANCE -> List.of(DOCUMENT.DATE_KEY.desc(), DOCUMENT.ID.desc());
        };
    }
}
