package org.dossier.app;

import java.time.Instant;
import org.jooq.impl.AbstractConverter;

/**
 * Timestamps as jOOQ reads and writes them: an {@link Instant} in Java, ISO-8601 text in UTC
 * ({@code 2026-11-30T14:06:00Z}) in the database, on SQLite and PostgreSQL alike. The text form sorts
 * in time order, so comparisons and {@code ORDER BY} in SQL keep working on the column. Applied to
 * every {@code *_at} and {@code blocked_until} column by the code generator (see pom.xml).
 */
public final class InstantText extends AbstractConverter<String, Instant> {

    public InstantText() {
        super(String.class, Instant.class);
    }

    @Override
    public Instant from(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    @Override
    public String to(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
