package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A seed page of many distinct entries, naming people and places, in the archive's export format. */
public final class LargeSeedPage {

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    private LargeSeedPage() {
    }

    /** Writes {@code count} entries to {@code file}, then {@code after} (a last entry of the test's own, or nothing). */
    public static Path write(Path file, int count, String after) {
        StringBuilder page = new StringBuilder("Skip to content\n\n1 - " + count + " of " + count + "\n\nDocuments\n\n");
        for (int i = 0; i < count; i++) {
            page.append(MONTHS[i % 12]).append(' ').append(i % 28 + 1).append(", ").append(1940 + i % 50).append("\n\n")
                    .append("Telegram No. ").append(i).append(" from Shtykov to Stalin\n\n")
                    .append("The ambassador reports on meeting ").append(i).append(" with Kim Il Sung in Pyongyang.\n\n");
        }
        try {
            return Files.writeString(file, page + after, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
