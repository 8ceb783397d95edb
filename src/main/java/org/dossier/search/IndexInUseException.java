package org.dossier.search;

import java.io.IOException;
import java.nio.file.Path;

/** Another process (a running server, another reindex) holds the search index. */
public final class IndexInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    IndexInUseException(Path folder) {
        super("the search index at " + folder + " is in use by another process (is a server running on this "
                + "database?); stop it first");
    }
}
