package org.dossier.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.web.HostCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person starting the server should know before it answers anyone: settings it serves with,
 * but not as they likely meant in production.
 */
final class StartWarnings {

    // The start's lines keep the logger they were always written under, which a log's reader may filter on.
    private static final Logger LOG = LoggerFactory.getLogger(DossierApp.class);

    private StartWarnings() {
    }

    static void log(Settings settings, HostCheck hosts) {
        if (!settings.publicUrl().configured()) {
            LOG.warn("No --public-url: permalinks, citations, exports and OAI-PMH identifiers are built from each "
                    + "request's Host header{}. Set --public-url https://... in production.",
                    hosts.restricted() ? " (limited to --allowed-host)" : "");
        }
        if (!settings.database().isSqlite()) {
            return;
        }
        Path file = settings.database().file().toAbsolutePath();
        if (!Files.isWritable(file) || (file.getParent() != null && !Files.isWritable(file.getParent()))) {
            LOG.warn("The database {} (or its folder) is read-only: the catalogue is served, but saves, imports and "
                    + "sign-ins are refused with a message until it is writable.", file);
        }
    }
}
