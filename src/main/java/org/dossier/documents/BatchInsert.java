package org.dossier.documents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * An INSERT of many rows, rendered by jOOQ once for the database's dialect with {@link #ROWS} rows
 * of bind markers, run as a JDBC batch of bind values converted by each field's own jOOQ converter
 * (timestamps, date precisions): for writers of many thousand rows a second. One statement of many
 * rows rather than one per row, because each statement run costs SQLite a reset and a step, and the
 * driver a round of native calls, whatever the row holds; rows left over at a flush go through the
 * same insert of one row. jOOQ's own batch API builds a bind-value object per value, which cost more
 * than SQLite's insert itself. It works inside the caller's transaction, on its connection.
 */
public final class BatchInsert implements AutoCloseable {

    /**
     * Rows per statement. 14 columns at most here: 1,400 bind values, far below SQLite's limit of
     * 32,766 and PostgreSQL's of 65,535.
     */
    static final int ROWS = 100;

    private final PreparedStatement many;
    private final PreparedStatement one;
    private final Converter<Object, Object>[] converters;
    private final int width;
    /**
     * Each column's last value and what its converter made of it: a value repeated row after row
     * (the run's one timestamp, written four times a record) is converted once, not formatted again.
     */
    private final Object[] lastValues;
    private final Object[] lastConverted;
    /** Rows added and not yet bound to {@link #many}: at most {@link #ROWS}, converted, row after row. */
    private final Object[] waiting;
    private int rows;
    private int batched;

    @SuppressWarnings("unchecked")
    private BatchInsert(PreparedStatement many, PreparedStatement one, Field<?>[] fields) {
        this.many = many;
        this.one = one;
        this.converters = Arrays.stream(fields).map(f -> (Converter<Object, Object>) f.getConverter())
                .toArray(Converter[]::new);
        this.width = fields.length;
        this.waiting = new Object[ROWS * width];
        this.lastValues = new Object[width];
        this.lastConverted = new Object[width];
    }

    /** An insert of {@code fields} into {@code table} on {@code connection}, the connection of {@code tx}. */
    public static BatchInsert into(DSLContext tx, Connection connection, Table<?> table, Field<?>... fields) {
        return prepared(tx, connection, tx.render(rows(tx, table, fields, ROWS)), tx.render(rows(tx, table, fields, 1)),
                fields);
    }

    /**
     * The same, but a row whose key is already there is left as it is and not inserted again
     * ({@code ON CONFLICT DO NOTHING}): for rows that say where something was seen, seen again.
     */
    public static BatchInsert intoUnlessThere(DSLContext tx, Connection connection, Table<?> table, Field<?>... fields) {
        return prepared(tx, connection, tx.render(rows(tx, table, fields, ROWS).onConflictDoNothing()),
                tx.render(rows(tx, table, fields, 1).onConflictDoNothing()), fields);
    }

    /**
     * Any statement of rows of bind values, {@code fields} a row, rendered by {@code rows} for a given
     * number of rows (an INSERT … SELECT that joins rows of values, say), run as the inserts are.
     */
    public static BatchInsert of(DSLContext tx, Connection connection, BiFunction<DSLContext, Integer, Query> rows,
                                 Field<?>... fields) {
        return prepared(tx, connection, tx.render(rows.apply(tx, ROWS)), tx.render(rows.apply(tx, 1)), fields);
    }

    /** {@code count} rows of bind markers, each typed by its field. */
    private static InsertValuesStepN<?> rows(DSLContext tx, Table<?> table, Field<?>[] fields, int count) {
        InsertValuesStepN<?> insert = tx.insertInto(table).columns(fields);
        for (int i = 0; i < count; i++) {
            List<Field<?>> row = new ArrayList<>(fields.length);
            for (Field<?> f : fields) {
                row.add(DSL.val(null, f));
            }
            insert = insert.values(row);
        }
        return insert;
    }

    /**
     * The statements, each failing rather than aborting on a conflict on SQLite: a statement of many
     * rows that may abort has SQLite keep an undo journal of its own, which an all-or-nothing caller
     * never needs ({@link BulkWriting#failingOnConflict(SQLDialect, String)}).
     */
    private static BatchInsert prepared(DSLContext tx, Connection connection, String manySql, String oneSql,
                                        Field<?>[] fields) {
        PreparedStatement many = null;
        try {
            many = connection.prepareStatement(BulkWriting.failingOnConflict(tx.dialect(), manySql));
            return new BatchInsert(many, connection.prepareStatement(BulkWriting.failingOnConflict(tx.dialect(), oneSql)),
                    fields);
        } catch (SQLException e) {
            if (many != null) {
                try {
                    many.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new DataAccessException(oneSql, e);
        }
    }

    /** Adds one row, its values in the order of the fields. */
    public void add(Object... values) {
        int at = rows * width;
        for (int i = 0; i < width; i++) {
            Object value = values[i];
            if (value != null && value != lastValues[i]) {
                lastValues[i] = value;
                lastConverted[i] = converters[i].to(value);
            }
            waiting[at + i] = value == null ? null : lastConverted[i];
        }
        if (++rows == ROWS) {
            try {
                bind(many, 0, waiting.length);
                many.addBatch();
                batched++;
                rows = 0;
            } catch (SQLException e) {
                throw new DataAccessException("a batched insert", e);
            }
        }
    }

    private void bind(PreparedStatement statement, int from, int to) throws SQLException {
        for (int i = from; i < to; i++) {
            statement.setObject(i - from + 1, waiting[i]);
        }
    }

    /**
     * Sends the rows added so far. Only when asked: a caller writing rows that refer to each other
     * flushes the referred-to first (records before their links).
     */
    public void flush() {
        try {
            if (batched > 0) {
                many.executeBatch();
                batched = 0;
            }
            if (rows > 0) {
                for (int row = 0; row < rows; row++) {
                    bind(one, row * width, (row + 1) * width);
                    one.addBatch();
                }
                one.executeBatch();
                rows = 0;
            }
        } catch (SQLException e) {
            throw new DataAccessException("a batched insert", e);
        }
    }

    /** Closes the statements without sending what is left, after {@code failure}; a failure to close is added to it. */
    public void discard(Throwable failure) {
        for (PreparedStatement statement : List.of(many, one)) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Sends what is left and closes the statements. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            try (many; one) {
                // Both closed, whichever fails.
            } catch (SQLException e) {
                throw new DataAccessException("closing a batched insert", e);
            }
        }
    }
}
