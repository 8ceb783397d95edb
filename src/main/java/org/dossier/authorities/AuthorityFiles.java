package org.dossier.authorities;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the authority lists shipped as data: {@code people.csv}, {@code places.csv} and
 * {@code types.csv}, one row per form of a name, grouped by a stable key.
 */
public final class AuthorityFiles {

    public static final String PEOPLE = "people.csv";
    public static final String PLACES = "places.csv";
    public static final String TYPES = "types.csv";

    /**
     * An organisation that writes and receives documents ("Legation of Hungary in North Korea")
     * is listed with the people, its first row of kind {@code organisation} in place of
     * {@code preferred}: citations then name it whole, never as "Korea, Legation of Hungary in North".
     */
    public static final String ORGANISATION = "organisation";
    static final Set<String> PERSON_KINDS = Set.of("preferred", ORGANISATION, "variant", "pseudonym", "misspelling",
            "full-name-only");
    static final Set<String> PLACE_KINDS = Set.of("preferred", "variant", "abbreviation", "former", "misspelling",
            "full-name-only");
    static final Set<String> TYPE_KINDS = Set.of("label", "pattern");
    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private AuthorityFiles() {
    }

    /** The forms of each key, in file order; the first of each is the preferred form or label. */
    public static Map<String, List<AuthorityForm>> read(Path file, Set<String> kinds, String headKind)
            throws IOException, AuthorityFileException {
        return read(file, kinds, Set.of(headKind));
    }

    /** The same, where a key's first row may be of any of {@code headKinds}, and of no other row. */
    public static Map<String, List<AuthorityForm>> read(Path file, Set<String> kinds, Set<String> headKinds)
            throws IOException, AuthorityFileException {
        String name = file.getFileName().toString();
        Map<String, List<AuthorityForm>> byKey = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = new java.io.StringReader(text(file));
             var parser = format.parse(reader)) {
            for (String column : List.of("key", "kind", "name")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new AuthorityFileException(name + ":1: the header has no '" + column + "' column");
                }
            }
            for (CSVRecord row : parser) {
                int line = (int) parser.getCurrentLineNumber();
                String key = row.get("key");
                String kind = row.get("kind");
                String formName = row.get("name");
                if (!KEY.matcher(key).matches()) {
                    throw new AuthorityFileException(name + ":" + line + ": '" + key
                            + "' is not a key (lower-case letters, digits and hyphens)");
                }
                if (!kinds.contains(kind)) {
                    throw new AuthorityFileException(name + ":" + line + ": '" + kind + "' is not one of " + kinds);
                }
                if (formName.isBlank()) {
                    throw new AuthorityFileException(name + ":" + line + ": the name is empty");
                }
                if (!AuthorityContent.namesSomething(formName)) {
                    throw new AuthorityFileException(name + ":" + line + ": '" + formName.strip() + "' has no letter or"
                            + " digit; write what is known, such as 'Unidentified correspondent'");
                }
                List<AuthorityForm> forms = byKey.computeIfAbsent(key, k -> new ArrayList<>());
                boolean head = headKinds.contains(kind);
                if (head != forms.isEmpty()) {
                    throw new AuthorityFileException(name + ":" + line + ": '" + key + "' needs exactly one '"
                            + String.join("' or '", new java.util.TreeSet<>(headKinds)) + "' row, before its other rows");
                }
                forms.add(new AuthorityForm(key, kind, formName, optional(row, "sort_as"), optional(row, "note"), line));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new AuthorityFileException(name + ": " + e.getMessage());
        }
        return byKey;
    }

    /**
     * A list's text, read strictly as UTF-8 and without the byte order mark a spreadsheet writes first
     * (taken for part of the first column's name, it hid the 'key' column): a list saved in a
     * spreadsheet's other encoding (Windows-1252, Latin-1) is refused at its line, never guessed.
     */
    private static String text(Path file) throws IOException, AuthorityFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // "Is a directory" names no file: the import's message must say which list it is.
            throw new java.nio.file.FileSystemException(file.toString(), null, e.getMessage());
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new AuthorityFileException(file.getFileName() + ":" + line + ": not UTF-8 text (byte "
                    + (in.position() + 1) + "); save the list as UTF-8 (in a spreadsheet: CSV UTF-8)");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String optional(CSVRecord row, String column) {
        return row.isMapped(column) && row.isSet(column) ? row.get(column) : "";
    }
}
