package org.dossier.documents;

import java.util.regex.Pattern;

/**
 * Who publishes the catalogue: the name citations give as the repository and harvesters show as
 * the source, and the address harvesters write to.
 */
public record Archive(String name, String adminEmail) {

    /** The shape OAI-PMH requires of an administrator's address (its schema's {@code emailType}). */
    private static final Pattern EMAIL = Pattern.compile("\\S+@(\\S+\\.)+\\S+");

    public static final Archive DEFAULT = new Archive("Dossier", "archivist@example.org");

    public Archive {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--archive-name needs a name, not nothing");
        }
        name = name.strip();
        if (adminEmail == null || !EMAIL.matcher(adminEmail).matches()) {
            throw new IllegalArgumentException("--admin-email takes an e-mail address like archivist@example.org, not '"
                    + adminEmail + "'");
        }
    }
}
