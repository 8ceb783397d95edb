package org.dossier.testing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;

import java.util.Collection;
import org.jooq.DSLContext;

/**
 * Makes records undated (their date's key and precision NULL, V22) straight in the tables, as no
 * page or import can yet: for the tests of what reads an undated record.
 */
public final class Undated {

    private Undated() {
    }

    /** The records with these ids, as they are now (their versions keep their dates). */
    public static void records(DSLContext db, Collection<Integer> ids) {
        db.update(DOCUMENT).setNull(DOCUMENT.DATE_KEY).setNull(DOCUMENT.DATE_PRECISION).set(DOCUMENT.DATE_CIRCA, false)
                .setNull(DOCUMENT.DATE_END_KEY).setNull(DOCUMENT.DATE_END_PRECISION).where(DOCUMENT.ID.in(ids)).execute();
    }

    /** Version {@code number} of the record {@code id}. */
    public static void version(DSLContext db, int id, int number) {
        db.update(REVISION).setNull(REVISION.DATE_KEY).setNull(REVISION.DATE_PRECISION).set(REVISION.DATE_CIRCA, false)
                .setNull(REVISION.DATE_END_KEY).setNull(REVISION.DATE_END_PRECISION)
                .where(REVISION.DOCUMENT_ID.eq(id), REVISION.NUMBER.eq(number)).execute();
    }
}
