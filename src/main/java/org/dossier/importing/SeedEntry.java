package org.dossier.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.dossier.documents.DocumentDate;

/**
 * One document as a seed page lists it: where it stands (file, position from 1, line of its date)
 * and what it says.
 */
public record SeedEntry(String file, int position, int line, DocumentDate date, String title,
                        List<String> summary) {

    public SeedEntry {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(file + ":" + line + ": an entry needs a title");
        }
        summary = List.copyOf(summary);
    }

    /**
     * What makes two entries the same document: the same date (with its precision, a span's end, and
     * whether it is approximate), title and summary. Whitespace differences do not count; any other difference
     * makes another document. A certain date adds nothing to the hash, so that every record imported
     * before dates could be approximate keeps its identity, and a re-import finds it.
     */
    public String identity() {
        String canonical = date.key() + "\u001F" + date.precision().key() + end() + (date.circa() ? "~" : "") + "\u001F" + title
                + "\u001F" + String.join("\u001E", summary);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A span's end in the identity ("/1962-01-01\u001Fyear"); nothing for a single date, whose hash stays as it was. */
    private String end() {
        return date.end().map(end -> "/" + end.key() + "\u001F" + end.precision().key()).orElse("");
    }

    /** Where the entry stands, as 'file:line'. */
    public String location() {
        return file + ":" + line;
    }
}
