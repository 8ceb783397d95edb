package org.dossier.testing;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** A database as a later release of Dossier leaves it: migrated to a version this build does not have. */
public final class LaterRelease {

    /** How that migration is named in errors and logs. */
    public static final String MIGRATION = "V99 from a later release";

    private LaterRelease() {
    }

    /** Writes into Flyway's history what a later release's migration V99 leaves there (on either database). */
    public static void migrate(DSLContext db) {
        Table<?> history = DSL.table(DSL.name("flyway_schema_history"));
        Field<Integer> rank = DSL.field(DSL.name("installed_rank"), Integer.class);
        int last = db.fetchValue(DSL.select(DSL.max(rank)).from(history));
        db.insertInto(history, rank, DSL.field(DSL.name("version"), String.class),
                        DSL.field(DSL.name("description"), String.class), DSL.field(DSL.name("type"), String.class),
                        DSL.field(DSL.name("script"), String.class), DSL.field(DSL.name("checksum"), Integer.class),
                        DSL.field(DSL.name("installed_by"), String.class), DSL.field(DSL.name("execution_time"), Integer.class),
                        DSL.field(DSL.name("success"), Boolean.class))
                .values(last + 1, "99", "from a later release", "SQL", "V99__from_a_later_release.sql", 1, "", 1, true)
                .execute();
    }
}
