package org.dossier.documents;

/** Who made a change and why: an editor's username (or "import"), a note, and for imports the source. */
public record Attribution(String author, String note, String source) {

    public static final String IMPORT = "import";

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

    public static Attribution editor(String username, String note) {
        return new Attribution(username, note, null);
    }
}
