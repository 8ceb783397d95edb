package org.dossier.search;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean": for a search of plain words that finds few records, the same words with each
 * word that no record has replaced by the nearest one that records do have, from the index's own
 * words (Lucene's {@link DirectSpellChecker}, up to two edits, a swap of two letters counting one)
 * and the names in the authority lists. "Stailn" becomes "Stalin", "Molotow" "Molotov".
 */
final class Spelling {

    /** A search with fewer hits than this gets a suggestion, when there is a better one. */
    static final int FEW = 3;
    private static final float MIN_NAME_SIMILARITY = 0.7f;

    private final Analyzer analyzer;
    private final DirectSpellChecker checker = new DirectSpellChecker();
    private final LuceneLevenshteinDistance distance = new LuceneLevenshteinDistance();

    Spelling(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** What to search instead, or null: only words and spaces are respelt, never query syntax. */
    String respell(IndexReader reader, String text, Names names) throws IOException {
        if (!text.matches("[\\p{L}\\p{N}'’.\\- ]+")) {
            return null;
        }
        StringBuilder respelt = new StringBuilder();
        boolean changed = false;
        for (String piece : text.strip().split(" +")) {
            List<String> tokens = Names.tokens(analyzer, piece);
            String replacement = null;
            if (tokens.size() == 1 && reader.docFreq(new Term(IndexLayout.TEXT, tokens.get(0))) == 0
                    && !names.words().contains(tokens.get(0))) {
                replacement = nearest(reader, tokens.get(0), names);
            }
            if (replacement != null) {
                changed = true;
                piece = Character.isUpperCase(piece.charAt(0))
                        ? replacement.substring(0, 1).toUpperCase(Locale.ROOT) + replacement.substring(1) : replacement;
            }
            respelt.append(respelt.isEmpty() ? "" : " ").append(piece);
        }
        return changed ? respelt.toString() : null;
    }

    private String nearest(IndexReader reader, String word, Names names) throws IOException {
        String best = null;
        float bestScore = 0;
        if (word.length() >= checker.getMinQueryLength()) {
            SuggestWord[] found = checker.suggestSimilar(new Term(IndexLayout.TEXT, word), 1, reader,
                    SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (found.length > 0) {
                best = found[0].string;
                bestScore = found[0].score;
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
}
