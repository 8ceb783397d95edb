package org.dossier.app;

import java.nio.file.Path;
import org.dossier.documents.Archive;
import org.dossier.web.PublicUrl;

/**
 * How one catalogue server runs.
 *
 * @param seeds the folder imported on first start, when the database holds no documents; null for none
 * @param archive the name citations and harvesters give as the repository, and its contact address
 * @param protection proxies, host names, the search rate limit and Server-Timing (none by default)
 */
public record Settings(Path database, String host, int port, Path seeds, PublicUrl publicUrl, Archive archive,
        Protection protection) {

    public static final Path DEFAULT_DATABASE = Path.of("data", "dossier.db");
    public static final Path DEFAULT_SEEDS = Path.of("seeds");
    public static final int DEFAULT_PORT = 7070;
    /** How long the server's writes wait for another writer (an import) before the editor is told. */
    public static final java.time.Duration WRITE_WAIT = java.time.Duration.ofSeconds(5);

    public Settings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
        if (archive == null) {
            archive = Archive.DEFAULT;
        }
        if (protection == null) {
            protection = Protection.NONE;
        }
    }

    public Settings(Path database, String host, int port, Path seeds, PublicUrl publicUrl, Archive archive) {
        this(database, host, port, seeds, publicUrl, archive, Protection.NONE);
    }

    public Settings(Path database, String host, int port, Path seeds, PublicUrl publicUrl) {
        this(database, host, port, seeds, publicUrl, Archive.DEFAULT);
    }

    /** The search index: a folder beside the database ({@code data/dossier.db} has {@code data/dossier.index/}). */
    public Path searchIndex() {
        return indexBeside(database);
    }

    public static Path indexBeside(Path database) {
        String name = database.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return database.resolveSibling(base + ".index");
    }
}
