package org.dossier.documents;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Who made a change and why: an editor's username (or "import"), a note, and for imports the source. */
public record Attribution(String author, String note, String source) {

    public static final String IMPORT = "import";

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMMM d, uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public Attribution {
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("a change needs an author");
        }
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a change needs a note saying what changed and why");
        }
        note = note.strip();
    }

    public static Attribution imported(String location) {
        return new Attribution(IMPORT, "Imported from " + location, location);
    }

    /**
     * A version's note as a reader reads it: an import's own note, "Imported from 002_x.txt:25", as
     * "Imported from line 25 of the file 002_x.txt"; any other note as it was written.
     */
    public static String noteInWords(String note, String source) {
        if (!restatesSource(note, source)) {
            return note;
        }
        int colon = source.lastIndexOf(':');
        String line = colon < 0 ? "" : source.substring(colon + 1);
        return line.isEmpty() || !line.chars().allMatch(Character::isDigit) ? note
                : "Imported from line " + line + " of the file " + source.substring(0, colon);
    }

    /**
     * When a version was saved, as a history says it beside who saved it and why, a record's or a
     * person's or place's alike: "May 1, 2026, 10:15 UTC".
     */
    public static String whenInWords(Instant saved) {
        return WHEN.format(saved);
    }

    /** Whether the note is an import's own, naming its source already: the source need not be shown again. */
    public static boolean restatesSource(String note, String source) {
        return source != null && note != null && note.equals(imported(source).note());
    }

    public static Attribution editor(String username, String note) {
        return new Attribution(username, note, null);
    }
}
