package org.dossier.documents;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /**
     * Which of these languages {@code text} (a title, a paragraph) is written in, as far as its letters
     * tell, for the page's {@code lang}: screen readers choose their voice by it, and an English voice
     * spells Cyrillic or Arabic out letter by letter, or says nothing. The languages say what the
     * document is written in, not its description, which is most often English: so only text whose
     * letters are all of scripts that exactly one of them is written in (Cyrillic and Russian; Hangul
     * and Korean beside Chinese) is said to be in it. Null, leaving the page's English, for text with
     * Latin letters (German cannot be told from English by its letters), for a script that none or
     * several of them are written in, and for text with no letters.
     */
    public String of(String text) {
        if (text == null || tags.isEmpty()) {
            return null;
        }
        java.util.EnumSet<Character.UnicodeScript> scripts = java.util.EnumSet.noneOf(Character.UnicodeScript.class);
        text.codePoints().filter(Character::isLetter).forEach(c -> scripts.add(Character.UnicodeScript.of(c)));
        if (scripts.isEmpty()) {
            return null;
        }
        String found = null;
        for (String tag : tags) {
            Set<Character.UnicodeScript> written = SCRIPTS.get(tag);
            if (written != null && written.containsAll(scripts)) {
                if (found != null) {
                    return null;
                }
                found = tag;
            }
        }
        return found;
    }

    /** The scripts of the languages not written in Latin letters that archives of the period hold most. */
    private static final Map<String, Set<Character.UnicodeScript>> SCRIPTS = scripts();

    private static Map<String, Set<Character.UnicodeScript>> scripts() {
        Map<String, Set<Character.UnicodeScript>> scripts = new java.util.HashMap<>();
        Map<Set<Character.UnicodeScript>, String> languages = Map.ofEntries(
                Map.entry(Set.of(Character.UnicodeScript.CYRILLIC), "ru uk be bg mk sr kk ky mn tg tt ba cv"),
                Map.entry(Set.of(Character.UnicodeScript.ARABIC), "ar fa ur ps ug sd ckb"),
                Map.entry(Set.of(Character.UnicodeScript.HEBREW), "he yi"),
                Map.entry(Set.of(Character.UnicodeScript.GREEK), "el"),
                Map.entry(Set.of(Character.UnicodeScript.ARMENIAN), "hy"),
                Map.entry(Set.of(Character.UnicodeScript.GEORGIAN), "ka"),
                Map.entry(Set.of(Character.UnicodeScript.HAN), "zh"),
                Map.entry(Set.of(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                        Character.UnicodeScript.KATAKANA), "ja"),
                Map.entry(Set.of(Character.UnicodeScript.HANGUL, Character.UnicodeScript.HAN), "ko"),
                Map.entry(Set.of(Character.UnicodeScript.THAI), "th"),
                Map.entry(Set.of(Character.UnicodeScript.LAO), "lo"),
                Map.entry(Set.of(Character.UnicodeScript.KHMER), "km"),
                Map.entry(Set.of(Character.UnicodeScript.MYANMAR), "my"),
                Map.entry(Set.of(Character.UnicodeScript.TIBETAN), "bo"),
                Map.entry(Set.of(Character.UnicodeScript.DEVANAGARI), "hi mr ne sa"),
                Map.entry(Set.of(Character.UnicodeScript.BENGALI), "bn"),
                Map.entry(Set.of(Character.UnicodeScript.GURMUKHI), "pa"),
                Map.entry(Set.of(Character.UnicodeScript.GUJARATI), "gu"),
                Map.entry(Set.of(Character.UnicodeScript.TAMIL), "ta"),
                Map.entry(Set.of(Character.UnicodeScript.TELUGU), "te"),
                Map.entry(Set.of(Character.UnicodeScript.KANNADA), "kn"),
                Map.entry(Set.of(Character.UnicodeScript.MALAYALAM), "ml"),
                Map.entry(Set.of(Character.UnicodeScript.SINHALA), "si"),
                Map.entry(Set.of(Character.UnicodeScript.ETHIOPIC), "am ti"));
        languages.forEach((written, tags) -> {
            for (String tag : tags.split(" ")) {
                scripts.put(tag, written);
            }
        });
        return Map.copyOf(scripts);
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
