package org.dossier.search;

import java.util.List;

/**
 * A compound written as one word or hyphenated: "cooperation" and "co-operation",
 * "nonproliferation" and "non-proliferation", "postwar" and "post-war", "antiaircraft" and
 * "anti-aircraft" are one word to a reader, but the index holds the one as a word and the other
 * as two ({@link QueryReader} looks for both; the index is as it was).
 *
 * <p>Hyphenated parts are joined as they come. A word is split only after one of
 * {@link #PREFIXES}, which are not words of their own, so that the two only stand side by side
 * where a record hyphenates them: "overall" is never "over all", which any record may say, and
 * "resign" never "re-sign", another word.
 */
final class Compounds {

    /** The beginnings a word written as one may be hyphenated after, longest first where one begins another. */
    static final List<String> PREFIXES = List.of("anti", "counter", "co", "inter", "multi", "neo", "non", "post", "pre",
            "pro", "semi", "sub", "ultra");

    /** Parts of at most this many a compound hyphenated is joined from ("commander-in-chief"). */
    static final int MAX_PARTS = 3;

    /** What follows a prefix is a word of at least this many letters ("post-war", never "co-up"). */
    static final int MIN_REST = 3;

    private Compounds() {
    }

    /**
     * The other way of writing {@code tokens}, the words of one piece typed without a space (folded,
     * as the analyser writes them): hyphenated parts as one word, or one word hyphenated after its
     * prefix; null when it has none. Parts with a digit are letters and digits ({@link LettersAndDigits});
     * a part of one letter is never joined.
     */
    static List<String> other(List<String> tokens) {
        if (!tokens.stream().allMatch(Compounds::letters)) {
            return null;
        }
        if (tokens.size() > 1) {
            // A letter alone is a cut no one writes ("Ki-m"), or an initial ("X-ray"): left as it is.
            boolean parts = tokens.size() <= MAX_PARTS && tokens.stream().allMatch(part -> part.length() >= 2);
            return parts ? List.of(String.join("", tokens)) : null;
        }
        String word = tokens.get(0);
        for (String prefix : PREFIXES) {
            if (word.startsWith(prefix) && word.length() - prefix.length() >= MIN_REST) {
                return List.of(prefix, word.substring(prefix.length()));
            }
        }
        return null;
    }

    private static boolean letters(String token) {
        return !token.isEmpty() && token.codePoints().allMatch(Character::isLetter);
    }
}
