package org.dossier.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dossier.documents.DocumentDate;

/**
 * One document as a seed page lists it: where it stands (file, position from 1, line of its date)
 * and what it says. Its date is empty when its date line says it bears none ("Undated", "n.d.").
 */
public record SeedEntry(String file, int position, int line, Optional<DocumentDate> date, String title,
                        List<String> summary) {

    /**
     * Where an undated entry's identity has its date: no date's key, which begins with its year's
     * digits, is this, so an undated entry is never taken for a dated one of the same words.
     */
    private static final String NO_DATE = "undated";

    public SeedEntry {
        Objects.requireNonNull(date, "an entry's date is a date, or empty for an undated one");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(file + ":" + line + ": an entry needs a title");
        }
        summary = List.copyOf(summary);
    }

    /**
     * What makes two entries the same document: the same date (with its precision, a span's end, and
     * whether it is approximate), or none, title and summary. Whitespace differences do not count; any other difference
     * makes another document. A certain date adds nothing to the hash, so that every record imported
     * before dates could be approximate keeps its identity, and a re-import finds it. However its
     * page said it bears no date ("Undated", "n.d."), an undated entry's is the same.
     */
    public String identity() {
        String canonical = date.map(d -> d.key() + "\u001F" + d.precision().key() + end(d) + (d.circa() ? "~" : ""))
                .orElse(NO_DATE) + "\u001F" + title + "\u001F" + String.join("\u001E", summary);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A span's end in the identity ("/1962-01-01\u001Fyear"); nothing for a single date, whose hash stays as it was. */
    private static String end(DocumentDate date) {
        return date.end().map(end -> "/" + end.key() + "\u001F" + end.precision().key()).orElse("");
    }

    /** Where the entry stands, as 'file:line'. */
    public String location() {
        return file + ":" + line;
    }
}
