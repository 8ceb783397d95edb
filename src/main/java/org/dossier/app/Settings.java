package org.dossier.app;

import java.nio.file.Path;
import org.dossier.documents.Archive;
import org.dossier.web.PublicUrl;

/**
 * How one catalogue server runs.
 *
 * @param database a SQLite file or a PostgreSQL server
 * @param seeds the folder imported on first start, when the database holds no documents; null for none.
 *              Missing then, the default ({@link #DEFAULT_SEEDS}) is warned of; any other is a startup problem
 * @param archive the name citations and harvesters give as the repository, and its contact address
 * @param protection proxies, host names, the search rate limit and Server-Timing (none by default)
 * @param index this node's own search index folder; null for the default ({@link DatabaseAddress#defaultIndex})
 * @param search the embedded index or a SolrCloud collection; null for the embedded index
 * @param writeWait how long the server's writes wait for another writer ({@code --write-wait}); null for
 *                  {@link WriteWait#SERVER}
 */
public record Settings(DatabaseAddress database, String host, int port, Path seeds, PublicUrl publicUrl,
                       Archive archive, Protection protection, Path index, SearchChoice search,
                       WriteWait writeWait) {

    public static final Path DEFAULT_DATABASE = Path.of("data", "dossier.db");
    public static final Path DEFAULT_SEEDS = Path.of("seeds");
    public static final int DEFAULT_PORT = 7070;

    public Settings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, not " + port);
        }
        if (archive == null) {
            archive = Archive.DEFAULT;
        }
        if (protection == null) {
            protection = Protection.NONE;
        }
        if (search == null) {
            search = SearchChoice.EMBEDDED;
        }
        if (writeWait == null) {
            writeWait = WriteWait.SERVER;
        }
    }

    /**
     * A server on {@code database} that listens on {@code host} and {@code port}: no seeds imported, its
     * address taken from each request, the default archive, {@link Protection#NONE}, the default index
     * folder, the embedded index and {@link WriteWait#SERVER}. Every other setting by its {@code with…}
     * method, so that a reader sees which settings differ by name rather than by a position among ten.
     */
    public static Settings of(DatabaseAddress database, String host, int port) {
        return new Settings(database, host, port, null, PublicUrl.fromRequests(), null, null, null, null, null);
    }

    /** These settings, importing {@code seeds} on a first start (null: nothing). */
    public Settings withSeeds(Path seeds) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings, with the site's public address as {@code publicUrl} says. */
    public Settings withPublicUrl(PublicUrl publicUrl) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings, naming {@code archive} as the repository. */
    public Settings withArchive(Archive archive) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings, guarded by {@code protection}. */
    public Settings withProtection(Protection protection) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings, with this node's search index in {@code index} (null: the default, {@link #searchIndex}). */
    public Settings withIndex(Path index) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings, searching {@code search}: the embedded index or a SolrCloud collection. */
    public Settings withSearch(SearchChoice search) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, writeWait);
    }

    /** These settings with writes that wait {@code wait} for another writer ({@code --write-wait}). */
    public Settings withWriteWait(WriteWait wait) {
        return new Settings(database, host, port, seeds, publicUrl, archive, protection, index, search, wait);
    }

    /** The search index: {@code --index}, or by default a folder beside a SQLite file. */
    public Path searchIndex() {
        return index != null ? index : database.defaultIndex();
    }

    public static Path indexBeside(Path database) {
        String name = database.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return database.resolveSibling(base + ".index");
    }
}
