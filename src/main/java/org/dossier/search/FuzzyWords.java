package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * A fuzzy word ({@code korea~1}: the words within so many edits of it) as the words of the index
 * it stands for, chosen once from the engine's whole index, so that both engines search for the
 * same words and score them alike. Lucene's own fuzzy query chooses its words (the 50 nearest) in
 * each index it runs on and weighs them by that index's frequencies: on a SolrCloud collection,
 * each shard chose and weighed for itself, and a random search of {@code UN~1} or {@code Com~2}
 * ordered its hits otherwise than the embedded index ({@code SolrDifferentialTest}). Each word
 * scores a constant, the nearer the more, as patterns and prefixes score a constant.
 */
final class FuzzyWords {

    /** The most words a fuzzy word stands for: Lucene's own bound, the nearest first. */
    static final int MAX_WORDS = FuzzyQuery.defaultMaxExpansions;

    private FuzzyWords() {
    }

    /** {@code query} with each fuzzy word in it replaced by the words of {@code index} it stands for; itself when it has none. */
    static Query expanded(Query query, WordStatistics index) throws IOException {
        if (query instanceof FuzzyQuery fuzzy) {
            return words(fuzzy, index);
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder same = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (BooleanClause clause : bool.clauses()) {
                Query expanded = expanded(clause.getQuery(), index);
                changed |= expanded != clause.getQuery();
                same.add(expanded, clause.getOccur());
            }
            return changed ? same.build() : query;
        }
        if (query instanceof BoostQuery boost) {
            Query expanded = expanded(boost.getQuery(), index);
            return expanded == boost.getQuery() ? query : new BoostQuery(expanded, boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            Query expanded = expanded(constant.getQuery(), index);
            return expanded == constant.getQuery() ? query : new ConstantScoreQuery(expanded);
        }
        return query;
    }

    /** The words of {@code index} within the fuzzy word's edits, the nearest {@value #MAX_WORDS} (equals in the index's order), each a constant by nearness. */
    private static Query words(FuzzyQuery fuzzy, WordStatistics index) throws IOException {
        String field = fuzzy.getTerm().field();
        String word = fuzzy.getTerm().text();
        CompiledAutomaton[] within = new CompiledAutomaton[fuzzy.getMaxEdits() + 1];
        for (int edits = 0; edits < within.length; edits++) {
            within[edits] = FuzzyQuery.getFuzzyAutomaton(word, edits, fuzzy.getPrefixLength(), fuzzy.getTranspositions());
        }
        Map<String, Float> near = new LinkedHashMap<>();
        for (WordStatistics.Word candidate : index.within(field, word, fuzzy.getMaxEdits())) {
            for (int edits = 0; edits < within.length; edits++) {
                if (accepts(within[edits], candidate.text())) {
                    near.putIfAbsent(candidate.text(), nearness(word, candidate.text(), edits));
                    break;
                }
            }
        }
        if (near.isEmpty()) {
            return new MatchNoDocsQuery("no word of the index is within " + fuzzy.getMaxEdits() + " edits of " + word);
        }
        List<Map.Entry<String, Float>> nearest = new ArrayList<>(near.entrySet());
        nearest.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> new BytesRef(e.getKey())));
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> each : nearest.subList(0, Math.min(MAX_WORDS, nearest.size()))) {
            any.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(field, each.getKey()))), each.getValue()),
                    BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private static boolean accepts(CompiledAutomaton automaton, String text) {
        return switch (automaton.type) {
            case NONE -> false;
            case ALL -> true;
            case SINGLE -> automaton.term.utf8ToString().equals(text);
            case NORMAL -> {
                BytesRef bytes = new BytesRef(text);
                yield automaton.runAutomaton.run(bytes.bytes, bytes.offset, bytes.length);
            }
        };
    }

    /** As Lucene's fuzzy query weighs a word {@code edits} away: 1 for the word itself, less the shorter the words. */
    private static float nearness(String word, String other, int edits) {
        if (edits == 0) {
            return 1f;
        }
        int shorter = Math.min(word.codePointCount(0, word.length()), other.codePointCount(0, other.length()));
        return Math.max(0f, 1f - (float) edits / shorter);
    }
}
