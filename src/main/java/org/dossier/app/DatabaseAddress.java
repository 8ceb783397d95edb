package org.dossier.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the catalogue's database is, as {@code --db} gives it: a SQLite file (any path), or a
 * PostgreSQL server ({@code jdbc:postgresql://host:5432/dossier?user=...}). Any other {@code jdbc:}
 * address is refused, so that a mistyped URL never becomes a SQLite file in a folder named after it.
 *
 * @param file the SQLite file; null for PostgreSQL
 * @param url the PostgreSQL JDBC URL; null for SQLite
 */
public record DatabaseAddress(Path file, String url) {

    /** A scheme and "//": what a URL starts with, and a path written for SQLite does not. */
    private static final Pattern URL_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:/+");
    public static final DatabaseAddress DEFAULT = sqlite(Path.of("data", "dossier.db"));
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&]*");

    public DatabaseAddress {
        if ((file == null) == (url == null)) {
            throw new IllegalArgumentException("a database is either a SQLite file or a PostgreSQL URL");
        }
        if (file != null && file.toString().regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new IllegalArgumentException(refusal(file.toString()));
        }
        if (file != null && URL_LIKE.matcher(file.toString()).lookingAt()) {
            // postgresql://host/dossier, as libpq and psql write it: a URL, not a folder "postgresql:".
            throw new IllegalArgumentException(refusal(file.toString()));
        }
        if (url != null && !url.startsWith(POSTGRESQL)) {
            throw new IllegalArgumentException(refusal(url));
        }
    }

    public static DatabaseAddress sqlite(Path file) {
        return new DatabaseAddress(file, null);
    }

    public static DatabaseAddress postgresql(String url) {
        return new DatabaseAddress(null, url);
    }

    /** Reads what {@code --db} (or DOSSIER_DB) says. */
    public static DatabaseAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the database is empty: give a SQLite file or a jdbc:postgresql:// URL");
        }
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return postgresql(text);
        }
        return sqlite(Path.of(text));
    }

    private static String refusal(String url) {
        int from = url.regionMatches(true, 0, "jdbc:", 0, 5) ? 5 : 0;
        String scheme = url.indexOf(':', from) > 0 ? url.substring(0, url.indexOf(':', from) + 1) : url;
        return "'" + scheme.toLowerCase(Locale.ROOT) + "' is not a database Dossier can use: give a SQLite file path "
                + "or a PostgreSQL URL (jdbc:postgresql://host:5432/dossier?user=...)";
    }

    public boolean isSqlite() {
        return file != null;
    }

    /**
     * The search index when {@code --index} is not given: beside a SQLite file ({@code data/dossier.db}
     * has {@code data/dossier.index/}); for PostgreSQL, {@code data/dossier.index} in the working folder.
     */
    public Path defaultIndex() {
        return isSqlite() ? Settings.indexBeside(file) : Path.of("data", "dossier.index");
    }

    /** What {@code --db} would be given to name this database again (with any password in it). */
    public String text() {
        return isSqlite() ? file.toString() : url;
    }

    /** For messages: the file, or the URL without its password. */
    @Override
    public String toString() {
        return isSqlite() ? file.toString() : SECRET.matcher(url).replaceAll("$1***");
    }

    /** Lets picocli read {@code --db}: a refused address is a usage error (exit 2) with the reason. */
    public static final class Converter extends RefusalConverter<DatabaseAddress> {
        public Converter() {
            super(DatabaseAddress::parse);
        }
    }
}
