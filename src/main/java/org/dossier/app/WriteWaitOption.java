package org.dossier.app;

import picocli.CommandLine.Option;

/**
 * {@code --write-wait} as {@code serve} and every command that opens a catalogue take it (a picocli
 * mixin): read once into a {@link WriteWait} and handed to {@link Database#open}. A command waits
 * {@link WriteWait#COMMAND} unless told otherwise; {@code serve} gives its own default
 * ({@link WriteWait#SERVER}) by making the mixin itself, which picocli then fills in.
 */
final class WriteWaitOption {

    @Option(names = WriteWait.OPTION, paramLabel = "DURATION", converter = WriteWait.Converter.class,
            description = "How long a write waits for another process writing to a SQLite file (an import, a backup, "
                    + "a sqlite3 shell; on PostgreSQL, for another transaction's locks) before it gives up and says so; "
                    + "a start that must migrate waits this long in all: a number and its unit, such as 500ms, 5s or 2m "
                    + "(default: ${DEFAULT-VALUE}).")
    private WriteWait wait;

    WriteWaitOption() {
        this(WriteWait.COMMAND);
    }

    WriteWaitOption(WriteWait byDefault) {
        this.wait = byDefault;
    }

    WriteWait writeWait() {
        return wait;
    }
}
