package org.dossier.documents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One INSERT, rendered by jOOQ once for the database's dialect, run as a JDBC batch of bind values
 * converted by each field's own jOOQ converter (timestamps, date precisions): for writers of many
 * thousand rows a second. jOOQ's own batch API builds a bind-value object per value, which cost
 * more than SQLite's insert itself. It works inside the caller's transaction, on its connection.
 */
public final class BatchInsert implements AutoCloseable {

    private final PreparedStatement statement;
    private final Converter<Object, Object>[] converters;
    private int pending;

    @SuppressWarnings("unchecked")
    private BatchInsert(PreparedStatement statement, Field<?>[] fields) {
        this.statement = statement;
        this.converters = Arrays.stream(fields).map(f -> (Converter<Object, Object>) f.getConverter())
                .toArray(Converter[]::new);
    }

    /** An insert of {@code fields} into {@code table} on {@code connection}, the connection of {@code tx}. */
    public static BatchInsert into(DSLContext tx, Connection connection, Table<?> table, Field<?>... fields) {
        return prepared(tx, connection, tx.render(tx.insertInto(table).columns(fields)
                .values(Arrays.stream(fields).map(f -> DSL.val(null, f)).toList())), fields);
    }

    /**
     * The same, but a row whose key is already there is left as it is and not inserted again
     * ({@code ON CONFLICT DO NOTHING}): for rows that say where something was seen, seen again.
     */
    public static BatchInsert intoUnlessThere(DSLContext tx, Connection connection, Table<?> table, Field<?>... fields) {
        return prepared(tx, connection, tx.render(tx.insertInto(table).columns(fields)
                .values(Arrays.stream(fields).map(f -> DSL.val(null, f)).toList()).onConflictDoNothing()), fields);
    }

    private static BatchInsert prepared(DSLContext tx, Connection connection, String sql, Field<?>[] fields) {
        try {
            return new BatchInsert(connection.prepareStatement(sql), fields);
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /** Adds one row, its values in the order of the fields. */
    public void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i] == null ? null : converters[i].to(values[i]);
                statement.setObject(i + 1, value);
            }
            statement.addBatch();
            pending++;
        } catch (SQLException e) {
            throw new DataAccessException("a batched insert", e);
        }
    }

    /**
     * Sends the rows added so far. Only when asked: a caller writing rows that refer to each other
     * flushes the referred-to first (records before their links).
     */
    public void flush() {
        if (pending == 0) {
            return;
        }
        try {
            statement.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new DataAccessException("a batched insert", e);
        }
    }

    /** Closes the statement without sending what is left, after {@code failure}; a failure to close is added to it. */
    public void discard(Throwable failure) {
        try {
            statement.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Sends what is left and closes the statement. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                statement.close();
            } catch (SQLException e) {
                throw new DataAccessException("closing a batched insert", e);
            }
        }
    }
}
