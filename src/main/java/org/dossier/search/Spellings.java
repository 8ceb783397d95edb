package org.dossier.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * British and American spellings of one word: a reader who types "defence", "programme",
 * "recognised" or "Sovietisation" means the records that write "defense", "program",
 * "recognized" and "Sovietization", and the other way round. A search looks for the other
 * spelling too ({@link QueryReader}); the index is as it was, so both engines search alike.
 *
 * <p>Beginnings of words from {@code search/spellings.txt} ("labour" and "labor": "labourers" is
 * "laborers"), and three endings by rule: -ise and -ize, -isation and -ization ("organised",
 * "organisational"), -yse and -yze ("analysed"). The rule wants four letters before the -is- or
 * -iz- ("realise"), so that "prize", "seize" and "size" are never "prise", "seise" and "sise";
 * what it makes of a word that has no other spelling ("precise": "precize") is no word, and
 * finds nothing.
 */
final class Spellings {

    /**
     * A British beginning and its American one, as the longer and the shorter of the two: a word is
     * matched against the longer first ("counsellor" begins with "counsell" and with "counsel", and
     * is only "counselor").
     */
    private record Pair(String longer, String shorter) {
        Pair {
            if (longer.isEmpty() || shorter.isEmpty() || longer.equals(shorter)) {
                throw new IllegalArgumentException("not two spellings: '" + longer + "' '" + shorter + "'");
            }
        }

        static Pair of(String british, String american) {
            return british.length() >= american.length() ? new Pair(british, american) : new Pair(american, british);
        }
    }

    private static final List<Pair> PAIRS = CatalogueAnalyzer.lines("search/spellings.txt").stream().map(line -> {
        String[] two = line.strip().split("\\s+");
        if (two.length != 2) {
            throw new IllegalStateException("search/spellings.txt: not two words: " + line);
        }
        return Pair.of(two[0], two[1]);
    }).toList();

    private static final Pattern ISE = Pattern.compile("(\\p{L}{4,}?)i([sz])(e|ed|es|ing|er|ers|ation|ations|ational)");
    private static final Pattern YSE = Pattern.compile("(\\p{L}{3,}?)y([sz])(e|ed|es|ing|er|ers)");

    private Spellings() {
    }

    /**
     * The other spellings of {@code word} (lower case, folded, as the analyser writes it), not
     * {@code word} itself; empty when it has none. Some may be no word at all.
     */
    static List<String> others(String word) {
        Set<String> others = new LinkedHashSet<>();
        for (Pair pair : PAIRS) {
            if (word.startsWith(pair.longer())) {
                others.add(pair.shorter() + word.substring(pair.longer().length()));
            } else if (word.startsWith(pair.shorter())) {
                others.add(pair.longer() + word.substring(pair.shorter().length()));
            }
        }
        swapped(ISE.matcher(word), "i", others);
        swapped(YSE.matcher(word), "y", others);
        others.remove(word);
        return List.copyOf(others);
    }

    /**
     * The other spellings of a word and of its stem ({@code stem}: "neighbour" for "neighbouring",
     * "program" for "programs"), whose other spellings an inflected word's own may miss
     * ("programmes" is no word of a record writing "programme").
     */
    static Set<String> ofWordAndStem(String word, String stem) {
        Set<String> others = new LinkedHashSet<>(others(word));
        others.addAll(others(stem));
        return others;
    }

    /** The word with its s swapped for z or z for s, when {@code ending} matches it whole. */
    private static void swapped(Matcher ending, String vowel, Set<String> others) {
        if (ending.matches()) {
            others.add(ending.group(1) + vowel + (ending.group(2).equals("s") ? "z" : "s") + ending.group(3));
        }
    }
}
