package org.dossier.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders a file is to be written in: a catalogue's SQLite file, a backup of one. */
public final class Folders {

    private Folders() {
    }

    /** Makes the folders {@code file} is to be in, those that are missing; nothing for a file at the root. */
    public static void makeFor(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
