package org.dossier.documents;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.impl.AbstractConverter;

/**
 * The languages a document is written in, the main one first: ISO 639 codes as BCP 47 writes them
 * ({@code ru}, {@code zh}, {@code yue}), which is what Dublin Core, OAI-PMH, CSL-JSON, schema.org and
 * Highwire's {@code citation_language} ask for, named in English on pages and in BibTeX and RIS
 * ("Russian"). Only a language the JDK's locale data names is one: a code is never stored that no
 * reader or program could tell the language of. None at all means no one has said.
 */
public record Languages(List<String> tags) {

    public static final Languages NONE = new Languages(List.of());

    /** The most a record lists: more than any document is written in. */
    public static final int MOST = 12;

    /** Every language known, by its code, and every way an editor may write it (name, either code), lower case. */
    private static final Map<String, String> NAMES = new TreeMap<>();
    private static final Map<String, String> TYPED = new TreeMap<>();

    static {
        Stream.concat(Arrays.stream(Locale.getISOLanguages()),
                        Arrays.stream(Locale.getAvailableLocales()).map(Locale::getLanguage))
                .filter(code -> !code.isEmpty())
                .map(code -> Locale.forLanguageTag(code).getLanguage())
                .distinct()
                .forEach(code -> {
                    Locale language = Locale.forLanguageTag(code);
                    String name = language.getDisplayLanguage(Locale.ENGLISH);
                    if (name.isEmpty() || name.equalsIgnoreCase(code)) {
                        return;
                    }
                    NAMES.put(code, name);
                    TYPED.putIfAbsent(folded(name), code);
                    TYPED.put(code, code);
                    try {
                        TYPED.putIfAbsent(language.getISO3Language(), code);
                    } catch (java.util.MissingResourceException noThreeLetterCode) {
                        // Known by its two letters alone.
                    }
                });
    }

    public Languages {
        tags = List.copyOf(tags);
        if (tags.size() > MOST) {
            throw new IllegalArgumentException("a record lists at most " + MOST + " languages");
        }
        if (new LinkedHashSet<>(tags).size() != tags.size()) {
            throw new IllegalArgumentException("a language listed twice: " + tags);
        }
        for (String tag : tags) {
            if (!NAMES.containsKey(tag)) {
                throw new IllegalArgumentException("not a language code this catalogue knows: '" + tag + "'");
            }
        }
    }

    /** As stored: the codes one space apart, '' for none. */
    public static Languages stored(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return new Languages(Arrays.asList(text.strip().split(" +")));
    }

    public String stored() {
        return String.join(" ", tags);
    }

    /**
     * The languages as an editor typed them: names or codes ("Russian, Chinese", "ru; zh", "rus"),
     * separated by commas or semicolons, in their order; a language written twice counts once.
     *
     * @throws IllegalArgumentException naming what is not a language, and what to write instead
     */
    public static Languages typed(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> tags = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String part : text.split("[,;]")) {
            String written = part.strip();
            if (written.isEmpty()) {
                continue;
            }
            String tag = TYPED.get(folded(written));
            if (tag == null) {
                unknown.add(written);
            } else if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown.stream().map(u -> "'" + u + "'").collect(Collectors.joining(", "))
                    + (unknown.size() == 1 ? " is not a language" : " are not languages")
                    + " the catalogue knows: write each by its English name or its ISO 639 code (Russian or ru),"
                    + " separated by commas.");
        }
        if (tags.size() > MOST) {
            throw new IllegalArgumentException("List at most " + MOST + " languages, the main ones first.");
        }
        return new Languages(tags);
    }

    /** The English name of a language code the catalogue knows ("ru": "Russian"); empty for any other text. */
    public static java.util.Optional<String> nameOf(String tag) {
        return java.util.Optional.ofNullable(NAMES.get(tag));
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** The languages' English names, in order ("Russian", "Chinese"). */
    public List<String> names() {
        return tags.stream().map(NAMES::get).toList();
    }

    /** The names one comma apart, as the edit form shows them and a page lists them: "Russian, Chinese". */
    public String namesText() {
        return String.join(", ", names());
    }

    private static String folded(String written) {
        return Normalizer.normalize(written, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }

    /** The stored text as a value, for jOOQ: every {@code languages} column reads as {@link Languages}. */
    public static final class Stored extends AbstractConverter<String, Languages> {

        public Stored() {
            super(String.class, Languages.class);
        }

        @Override
        public Languages from(String text) {
            return text == null ? null : stored(text);
        }

        @Override
        public String to(Languages languages) {
            return languages == null ? null : languages.stored();
        }
    }
}
