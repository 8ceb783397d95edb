package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.DOCUMENT_TYPE_PATTERN;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.Slugs;
import org.dossier.documents.WhiteSpace;
import org.jooq.DSLContext;

/**
 * Derives a record's type, people (with their roles) and places from its words, using the
 * authority lists as they are in the database. Built once per import run; pure after that.
 */
public final class Extractor {

    /**
     * A phrase that names a type: found as {@code literal} (its folded words, one space apart) in the
     * folded title with every run of white space made one space, standing alone (no letter or digit
     * touching it); or, for a phrase that cannot be written so ({@code literal} null), by {@code pattern}.
     */
    private record TypePattern(String literal, Pattern pattern, int length, int position, int typeId) {
    }

    /** The kind of a short form ("Kim") that names its authority only where the record names it in full. */
    static final String FULL_NAME_ONLY = "full-name-only";

    /** The words of every person's and place's names: a record's text is cut once and read for both. */
    private final NameWords nameWords = new NameWords();
    private final NameMatcher people = new NameMatcher(nameWords);
    private final NameMatcher places = new NameMatcher(nameWords);
    private final List<TypePattern> typePatterns = new ArrayList<>();
    private final Integer otherTypeId;
    /** Whether every type phrase is found without its regular expression (see {@link TypePattern}). */
    private boolean literalTypes;

    private Extractor(Integer otherTypeId) {
        this.otherTypeId = otherTypeId;
    }

    public static Extractor load(DSLContext db) {
        Integer other = db.select(DOCUMENT_TYPE.ID).from(DOCUMENT_TYPE).where(DOCUMENT_TYPE.KEY.eq("other"))
                .fetchOptional(DOCUMENT_TYPE.ID).orElse(null);
        Extractor extractor = new Extractor(other);
        db.select(PERSON_ALIAS.ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.KIND).from(PERSON_ALIAS)
                .forEach(r -> extractor.people.add(r.get(PERSON_ALIAS.ALIAS), r.get(PERSON_ALIAS.PERSON_ID),
                        FULL_NAME_ONLY.equals(r.get(PERSON_ALIAS.KIND))));
        db.select(PLACE_ALIAS.ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.KIND).from(PLACE_ALIAS)
                .forEach(r -> extractor.places.add(r.get(PLACE_ALIAS.ALIAS), r.get(PLACE_ALIAS.PLACE_ID),
                        FULL_NAME_ONLY.equals(r.get(PLACE_ALIAS.KIND))));
        db.select(DOCUMENT_TYPE_PATTERN.PATTERN, DOCUMENT_TYPE.POSITION, DOCUMENT_TYPE.ID)
                .from(DOCUMENT_TYPE_PATTERN).join(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT_TYPE_PATTERN.TYPE_ID))
                .forEach(r -> {
                    String phrase = r.get(DOCUMENT_TYPE_PATTERN.PATTERN);
                    extractor.typePatterns.add(new TypePattern(literal(phrase), phrase(phrase), phrase.length(),
                            r.get(DOCUMENT_TYPE.POSITION), r.get(DOCUMENT_TYPE.ID)));
                });
        extractor.literalTypes = extractor.typePatterns.stream().allMatch(p -> p.literal() != null);
        return extractor;
    }

    public Extraction extract(String title, List<String> summary) {
        String text = title + "\n" + String.join("\n", summary);
        Integer type = typeOf(title).orElse(otherTypeId);
        // Cut into words once, for people and places alike.
        NameWords.Text words = nameWords.cut(text);
        return new Extraction(type, rolesOf(title, people.inOrder(words, Set.of())), places.find(words, Set.of()));
    }

    /**
     * Who wrote, received or took part, as the title's shapes say ({@link TitleRoles}); everyone
     * else named in the title or summary is mentioned. A short form in the title ("from Mao to
     * Stalin") stands for someone only if {@code named} holds them: the record names them in full.
     * In the order of {@code named} (the order the record names them in: "from B and A" has B as
     * its first author), then anyone only the title's shapes found, by id.
     */
    public Map<Integer, PersonRole> rolesOf(String title, Collection<Integer> named) {
        Set<Integer> inFull = Set.copyOf(named);
        SortedMap<Integer, PersonRole> given = TitleRoles.read(title, part -> people.find(part, inFull));
        Map<Integer, PersonRole> roles = new LinkedHashMap<>();
        named.forEach(id -> roles.put(id, given.getOrDefault(id, PersonRole.MENTIONED)));
        given.forEach(roles::putIfAbsent);
        return roles;
    }

    /**
     * The type named earliest in the title ("From the Diary of N.V. Roshchin: Memorandum of
     * Conversation..." is a diary entry); of phrases starting at the same word, the longest
     * ("Ciphered Telegram", not "Telegram").
     */
    public Optional<Integer> typeOf(String title) {
        String folded = Slugs.foldToAscii(title).toLowerCase(Locale.ROOT);
        // Without regular expressions where every phrase allows it: a type is found in every
        // record's title at import. One space for each run of white space moves where phrases
        // start, but keeps their order, which is all that is compared.
        String spaced = literalTypes ? WhiteSpace.oneSpaceApart(folded) : folded;
        TypePattern best = null;
        int bestStart = Integer.MAX_VALUE;
        for (TypePattern candidate : typePatterns) {
            int start;
            if (literalTypes) {
                start = standingAlone(spaced, candidate.literal());
            } else {
                Matcher m = candidate.pattern().matcher(folded);
                start = m.find() ? m.start() : -1;
            }
            if (start < 0) {
                continue;
            }
            if (best == null || start < bestStart
                    || start == bestStart && (candidate.length() > best.length()
                    || candidate.length() == best.length() && candidate.position() < best.position())) {
                best = candidate;
                bestStart = start;
            }
        }
        return Optional.ofNullable(best).map(TypePattern::typeId);
    }

    private static Pattern phrase(String words) {
        String folded = Slugs.foldToAscii(words).toLowerCase(Locale.ROOT).strip();
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(folded).replace(" ", "\\E\\s+\\Q")
                + "(?![\\p{L}\\p{N}])");
    }

    /**
     * The phrase as {@link #phrase} finds it, for a search without a regular expression: its words
     * one space apart; null where it has other white space (two spaces, a tab), a backslash,
     * surrogates, or no characters, which only the regular expression finds as it always did.
     */
    private static String literal(String words) {
        String folded = Slugs.foldToAscii(words).toLowerCase(Locale.ROOT).strip();
        if (folded.isEmpty() || folded.contains("  ") || folded.contains("\\")) {
            return null;
        }
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c != ' ' && WhiteSpace.is(c) || Character.isSurrogate(c)) {
                return null;
            }
        }
        return folded;
    }

    /** Where {@code phrase} first occurs in {@code text} with no letter or digit touching it, or -1. */
    private static int standingAlone(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || !NameMatcher.isLetterOrDigit(text.codePointBefore(at)))
                    && (end == text.length() || !NameMatcher.isLetterOrDigit(text.codePointAt(end)))) {
                return at;
            }
        }
        return -1;
    }
}
