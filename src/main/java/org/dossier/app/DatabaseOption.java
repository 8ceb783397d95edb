package org.dossier.app;

import picocli.CommandLine.Option;

/**
 * {@code --db} as every command that works on an existing catalogue takes it (a picocli mixin):
 * a SQLite file or a PostgreSQL URL, parsed once into a {@link DatabaseAddress}; by default the
 * environment variable DOSSIER_DB (so that a password need not be on the command line), else
 * data/dossier.db. {@code generate}, which makes a catalogue, asks for its own.
 */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "DB", converter = DatabaseAddress.Converter.class,
            defaultValue = "${env:DOSSIER_DB:-data/dossier.db}",
            description = "The database: a SQLite file, or a PostgreSQL URL jdbc:postgresql://HOST:5432/NAME?user=... "
                    + "(default: the environment variable DOSSIER_DB, else data/dossier.db).")
    private DatabaseAddress address;

    DatabaseAddress address() {
        return address;
    }
}
