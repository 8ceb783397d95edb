package org.dossier.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The statements some code runs on a SQLite catalogue, and SQLite's plan for each: to pin that a
 * page's queries walk an index rather than read every row of a table, whatever the catalogue's
 * size (a test catalogue is small enough that a full scan is never slow, only wrong at a million).
 * Give the code {@link #dsl()} instead of the database's own, then read {@link #plans()}.
 */
public final class QueryPlans {

    /** SQLite's words for reading a table whole: "SCAN document", without "USING ... INDEX". */
    private static final Pattern WHOLE_TABLE = Pattern.compile("SCAN (\\S+)");

    private final DSLContext db;
    private final DSLContext watched;
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    public QueryPlans(DSLContext db) {
        if (db.dialect().family() != SQLDialect.SQLITE) {
            throw new IllegalArgumentException("QueryPlans reads SQLite's plans; this database is " + db.dialect());
        }
        this.db = db;
        this.watched = db.configuration().derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.query() != null ? ctx.dsl().renderInlined(ctx.query()) : ctx.sql());
            }
        })).dsl();
    }

    /** The database, watched: every statement run through it is kept. */
    public DSLContext dsl() {
        return watched;
    }

    /** Forgets the statements run so far. */
    public void clear() {
        statements.clear();
    }

    /** Each statement run since the last {@link #clear}, with SQLite's plan for it, one step a line. */
    public List<Plan> plans() {
        List<Plan> plans = new ArrayList<>();
        for (String sql : List.copyOf(statements)) {
            plans.add(new Plan(sql, db.resultQuery("EXPLAIN QUERY PLAN " + sql).fetch("detail", String.class)));
        }
        return plans;
    }

    /** One statement and its plan's steps ("SEARCH document USING INDEX ...", "SCAN document"). */
    public record Plan(String sql, List<String> steps) {

        /** Whether some step reads this table whole, row by row. */
        public boolean readsWhole(String table) {
            return steps.stream().map(WHOLE_TABLE::matcher).anyMatch(m -> m.matches() && m.group(1).equals(table));
        }

        /** Whether some step reads through this index. */
        public boolean uses(String index) {
            return steps.stream().anyMatch(step -> step.matches(".* USING (COVERING )?INDEX " + index + "\\b.*"));
        }

        @Override
        public String toString() {
            return sql + "\n  " + String.join("\n  ", steps);
        }
    }
}
