package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.DOCUMENT_TYPE_PATTERN;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.Slugs;
import org.jooq.DSLContext;

/**
 * Derives a record's type, people (with their roles) and places from its words, using the
 * authority lists as they are in the database. Built once per import run; pure after that.
 */
public final class Extractor {

    private record TypePattern(Pattern pattern, int length, int position, int typeId) {
    }

    /** The kind of a short form ("Kim") that names its authority only where the record names it in full. */
    static final String FULL_NAME_ONLY = "full-name-only";

    private final NameMatcher people = new NameMatcher();
    private final NameMatcher places = new NameMatcher();
    private final List<TypePattern> typePatterns = new ArrayList<>();
    private final Integer otherTypeId;

    private Extractor(Integer otherTypeId) {
        this.otherTypeId = otherTypeId;
    }

    public static Extractor load(DSLContext db) {
        Integer other = db.select(DOCUMENT_TYPE.ID).from(DOCUMENT_TYPE).where(DOCUMENT_TYPE.KEY.eq("other"))
                .fetchOptional(DOCUMENT_TYPE.ID).orElse(null);
        Extractor extractor = new Extractor(other);
        db.select(PERSON_ALIAS.ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.KIND).from(PERSON_ALIAS)
                .forEach(r -> extractor.people.add(r.value1(), r.value2(), FULL_NAME_ONLY.equals(r.value3())));
        db.select(PLACE_ALIAS.ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.KIND).from(PLACE_ALIAS)
                .forEach(r -> extractor.places.add(r.value1(), r.value2(), FULL_NAME_ONLY.equals(r.value3())));
        db.select(DOCUMENT_TYPE_PATTERN.PATTERN, DOCUMENT_TYPE.POSITION, DOCUMENT_TYPE.ID)
                .from(DOCUMENT_TYPE_PATTERN).join(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT_TYPE_PATTERN.TYPE_ID))
                .forEach(r -> extractor.typePatterns.add(new TypePattern(phrase(r.value1()), r.value1().length(),
                        r.value2(), r.value3())));
        return extractor;
    }

    public Extraction extract(String title, List<String> summary) {
        String text = title + "\n" + String.join("\n", summary);
        Integer type = typeOf(title).orElse(otherTypeId);
        return new Extraction(type, rolesOf(title, people.find(text)), places.find(text));
    }

    /**
     * Who wrote, received or took part, as the title's shapes say ({@link TitleRoles}); everyone
     * else named in the title or summary is mentioned. A short form in the title ("from Mao to
     * Stalin") stands for someone only if {@code named} holds them: the record names them in full.
     */
    public SortedMap<Integer, PersonRole> rolesOf(String title, Collection<Integer> named) {
        Set<Integer> inFull = Set.copyOf(named);
        SortedMap<Integer, PersonRole> roles = new TreeMap<>(TitleRoles.read(title, part -> people.find(part, inFull)));
        named.forEach(id -> roles.putIfAbsent(id, PersonRole.MENTIONED));
        return roles;
    }

    /**
     * The type named earliest in the title ("From the Diary of N.V. Roshchin: Memorandum of
     * Conversation..." is a diary entry); of phrases starting at the same word, the longest
     * ("Ciphered Telegram", not "Telegram").
     */
    public Optional<Integer> typeOf(String title) {
        String folded = Slugs.foldToAscii(title).toLowerCase(Locale.ROOT);
        TypePattern best = null;
        int bestStart = Integer.MAX_VALUE;
        for (TypePattern candidate : typePatterns) {
            Matcher m = candidate.pattern().matcher(folded);
            if (!m.find()) {
                continue;
            }
            int start = m.start();
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
}
