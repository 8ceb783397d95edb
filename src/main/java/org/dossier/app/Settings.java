package org.dossier.app;

import java.nio.file.Path;
import org.dossier.web.PublicUrl;

/**
 * How one catalogue server runs.
 *
 * @param seeds the folder imported on first start, when the database holds no documents; null for none
 */
public record Settings(Path database, String host, int port, Path seeds, PublicUrl publicUrl) {

    public static final Path DEFAULT_DATABASE = Path.of("data", "dossier.db");
    public static final Path DEFAULT_SEEDS = Path.of("seeds");
    public static final int DEFAULT_PORT = 7070;

    public Settings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
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
