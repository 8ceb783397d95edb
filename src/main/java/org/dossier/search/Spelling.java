package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;

/**
 * "Did you mean": for a search of plain words that finds few records, the same words with each
 * word that no record has replaced by the nearest one that records do have, from the index's own
 * words (one edit for a word of up to {@value #MAX_ONE_EDIT} letters, two for a longer one, a swap of
 * two letters counting one, the first letter kept) and the names in the authority lists. "Stailn"
 * becomes "Stalin", "Molotow" "Molotov", but "NATO" is not "Name": two letters of four changed make
 * another word, not its spelling. A word with a digit is never respelt nor offered: a year, a
 * telegram's number or a code is typed as meant, and its neighbour ("1965" for "1961", "21646" for
 * "21647") is another year or another document, not what the reader meant. The nearest word is the
 * most similar ({@link LuceneLevenshteinDistance}), then the one in most records, then the first
 * alphabetically: one answer, whichever engine's words ({@link WordStatistics}) it is chosen from.
 */
final class Spelling {

    /** A search with fewer hits than this gets a suggestion, when there is a better one. */
    static final int FEW = 3;
    private static final float MIN_NAME_SIMILARITY = 0.7f;
    /** Words shorter than this are not respelt from the index: too many words are near them. */
    static final int MIN_WORD_LENGTH = 4;
    private static final float MIN_WORD_SIMILARITY = 0.5f;
    private static final int MAX_EDITS = 2;
    /** The shortest half of a word written as one that records write as two ("Il-sung", "Kai-shek"). */
    private static final int MIN_HALF = 2;
    /** Words of up to this many letters are respelt by one edit at most. */
    static final int MAX_ONE_EDIT = 5;

    private final Analyzer analyzer;
    private final AsWritten asWritten;
    private final LuceneLevenshteinDistance distance = new LuceneLevenshteinDistance();

    Spelling(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.asWritten = new AsWritten(analyzer);
    }

    /**
     * What to search instead, or null: only words and spaces are respelt, never query syntax. The
     * words of a question around what it asks about ({@link QuestionWords}: "what did Stalin say
     * about Korea" finds nothing) are left out, with the question mark that ends it.
     */
    String respell(WordStatistics index, String text, Names names) throws IOException {
        text = QueryReader.withoutClosingQuestionMarks(text);
        if (!text.matches("[\\p{L}\\p{N}'’.\\- ]+")) {
            return null;
        }
        StringBuilder respelt = new StringBuilder();
        boolean changed = false;
        String[] pieces = text.strip().split(" +");
        for (String piece : pieces) {
            List<String> tokens = Names.tokens(analyzer, piece);
            if (pieces.length > 1 && tokens.size() == 1 && QuestionWords.WORDS.contains(tokens.get(0))) {
                changed = true;
                continue;
            }
            String replacement = null;
            boolean capital = Character.isUpperCase(piece.charAt(0));
            if (tokens.size() == 1 && !hasDigit(tokens.get(0)) && !names.words().contains(tokens.get(0))
                    && index.count(Map.of(IndexLayout.TEXT, tokens)).of(IndexLayout.TEXT, tokens.get(0)) == 0
                    && !spelledOtherwise(index, tokens.get(0))) {
                replacement = nearest(index, tokens.get(0), names);
                if (replacement != null) {
                    replacement = asWritten.word(index, replacement, names, capital);
                } else {
                    replacement = hyphenated(index, tokens.get(0), names, capital);
                }
            }
            if (replacement != null) {
                changed = true;
                piece = replacement;
            }
            respelt.append(respelt.isEmpty() ? "" : " ").append(piece);
        }
        return changed && !respelt.isEmpty() ? respelt.toString() : null;
    }

    /**
     * Whether records write {@code word} the other way, British or American ({@link Spellings}:
     * "programme" for "programs"): the search finds them, and the word is no misspelling, though
     * it was offered another word ("progress").
     */
    private boolean spelledOtherwise(WordStatistics index, String word) throws IOException {
        Set<String> others = Spellings.ofWordAndStem(word, analyzer instanceof CatalogueAnalyzer stems ? stems.stem(word) : word);
        if (others.isEmpty()) {
            return false;
        }
        WordStatistics.Counts counts = index.count(Map.of(IndexLayout.TEXT, others));
        return others.stream().anyMatch(other -> counts.of(IndexLayout.TEXT, other) > 0);
    }

    private String nearest(WordStatistics index, String word, Names names) throws IOException {
        String best = null;
        float bestScore = 0;
        if (word.codePointCount(0, word.length()) >= MIN_WORD_LENGTH) {
            record Scored(String word, float score, long records) {
            }
            int maxEdits = word.codePointCount(0, word.length()) <= MAX_ONE_EDIT ? 1 : MAX_EDITS;
            List<String> near = index.near(IndexLayout.TEXT, word).stream()
                    .filter(w -> w.records() > 0 && !w.text().equals(word) && !hasDigit(w.text())
                            && w.text().codePointAt(0) == word.codePointAt(0) && edits(word, w.text()) <= maxEdits)
                    .map(WordStatistics.Word::text)
                    .filter(w -> distance.getDistance(word, w) >= MIN_WORD_SIMILARITY)
                    .toList();
            // The index's frequencies still count records' replaced versions: a word that only
            // those have is no word to offer, and records a reader can find rank the rest.
            WordStatistics.Counts live = near.isEmpty() ? null : index.count(Map.of(IndexLayout.TEXT, near));
            Scored found = near.stream()
                    .map(w -> new Scored(w, distance.getDistance(word, w), live.of(IndexLayout.TEXT, w)))
                    .filter(s -> s.records() > 0)
                    .min(Comparator.comparingDouble((Scored s) -> -s.score())
                            .thenComparingLong(s -> -s.records()).thenComparing(Scored::word))
                    .orElse(null);
            if (found != null) {
                best = found.word();
                bestScore = found.score();
            }
        }
        for (String name : names.words()) {
            if (name.length() < 3 || name.charAt(0) != word.charAt(0)) {
                continue;
            }
            float score = distance.getDistance(word, name);
            if (score >= MIN_NAME_SIMILARITY && score > bestScore) {
                best = name;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * A word no record has, written as the two words records join with a hyphen: "antiaircraft" is
     * "anti-aircraft", "Kaishek" "Kai-shek", "sinosoviet" "sino-Soviet" (the index holds the two
     * halves as words of their own). Of the ways to cut it in two whose halves both are words of
     * records, the one whose rarer half is in most records; null when there is none. Each half is
     * written as the catalogue writes it; the caller offers it only if the two together find more.
     */
    private String hyphenated(WordStatistics index, String word, Names names, boolean capital) throws IOException {
        int[] letters = word.codePoints().toArray();
        if (letters.length < 2 * MIN_HALF || !word.codePoints().allMatch(Character::isLetter)) {
            return null;
        }
        List<String[]> cuts = new ArrayList<>();
        Set<String> halves = new HashSet<>();
        for (int at = MIN_HALF; at <= letters.length - MIN_HALF; at++) {
            String[] cut = {new String(letters, 0, at), new String(letters, at, letters.length - at)};
            cuts.add(cut);
            halves.addAll(List.of(cut));
        }
        WordStatistics.Counts counts = index.count(Map.of(IndexLayout.TEXT, halves));
        String[] best = null;
        long bestRarer = 0;
        for (String[] cut : cuts) {
            long rarer = Math.min(counts.of(IndexLayout.TEXT, cut[0]), counts.of(IndexLayout.TEXT, cut[1]));
            if (rarer > bestRarer) {
                best = cut;
                bestRarer = rarer;
            }
        }
        if (best == null) {
            return null;
        }
        return asWritten.word(index, best[0], names, capital) + "-" + asWritten.word(index, best[1], names, false);
    }

    private static boolean hasDigit(String word) {
        return word.codePoints().anyMatch(Character::isDigit);
    }

    /** Edits from {@code a} to {@code b}, a swap of two neighbouring letters counting one (optimal string alignment). */
    static int edits(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length][y.length];
    }
}
