package org.dossier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConnection;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, copied out of its jar once per test JVM for the app JVMs it starts
 * ({@link AppJvm}). Each of them took it out again into the system's temporary folder (a megabyte
 * written, then read back to compare: about a tenth of a second of a command's CPU), and first deleted
 * the copies there that no running JVM held, which JVMs killed before their exit leave behind: two
 * JVMs starting at once each deleted the same one, and the one that lost logged "Failed to delete old
 * native lib" with its stack trace into a command's output (SecondServerTest failed on it). They load
 * it from here, and look for old copies here only ({@code org.sqlite.tmpdir}). When it cannot be
 * copied, they take it out themselves, as before.
 */
final class SqliteLibrary {

    /** Made on first use; empty when it could not be. */
    private static Optional<SqliteLibrary> made;

    private final Path library;

    private SqliteLibrary(Path library) {
        this.library = library;
    }

    static synchronized Optional<SqliteLibrary> once() {
        if (made == null) {
            made = copy();
        }
        return made;
    }

    /** The app JVM's options that load the library from this copy. */
    List<String> options() {
        return List.of("-Dorg.sqlite.lib.path=" + library.getParent(), "-Dorg.sqlite.lib.name=" + library.getFileName(),
                "-Dorg.sqlite.tmpdir=" + library.getParent());
    }

    private static Optional<SqliteLibrary> copy() {
        try {
            Path folder = Files.createTempDirectory("dossier-sqlite-library-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestCatalogue.deleteRecursively(folder)));
            Path library = folder.resolve(LibraryLoaderUtil.getNativeLibName());
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library.getFileName();
            try (InputStream in = SQLiteConnection.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return Optional.empty();
                }
                Files.copy(in, library);
            }
            return Optional.of(new SqliteLibrary(library));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
