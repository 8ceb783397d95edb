package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What suggestions ({@link Suggestions}), "did you mean" ({@link Spelling}) and related records
 * ({@link Related}) read of an engine's index: how many records a reader can find, and how many
 * have a word or a person or place. Each engine answers from its own index (the embedded one from
 * its terms, SolrCloud from the collection's terms across shards), and the three features are
 * written once, over this, so that both engines give the same answers.
 *
 * <p>Fields are named as the embedded index names them: {@link IndexLayout#TEXT} (exact words),
 * {@link IndexLayout#STEM} (stemmed words), or a facet's key ({@code person}, {@code place}) whose
 * terms are the facet's keys. {@link #count} counts the records a reader can find: not a record's
 * older version that a save replaced, nor a withdrawn record, which an index's document frequencies
 * go on counting until their segment is merged away (on each engine and each shard at its own
 * pace, so that what they say would differ between engines and nodes). {@link #startingWith} and
 * {@link #near} give words with those frequencies, which are cheap to read: they only choose
 * candidates, whose records the callers then {@link #count}.
 */
interface WordStatistics {

    /** A word (or facet key) of the index, and how many records have it (as {@link #count} or the index's frequency says: see each method). */
    record Word(String text, long records) {
    }

    /**
     * How many records a reader can find, and how many have each of the terms asked about, per
     * field. One question for everything a feature needs to know at once: on SolrCloud, one request.
     */
    record Counts(long records, Map<String, Map<String, Long>> byField) {

        public Counts {
            byField = Map.copyOf(byField);
        }

        /** How many records have {@code term} in {@code field}: 0 when none has it or it was not asked about. */
        public long of(String field, String term) {
            return byField.getOrDefault(field, Map.of()).getOrDefault(term, 0L);
        }
    }

    /** How many records a reader can find, and how many have each of the terms, per field ({@code termsByField}). */
    Counts count(Map<String, ? extends Collection<String>> termsByField) throws IOException;

    /**
     * Up to {@code max} words of {@code field} that start with {@code prefix}, in the index's order,
     * each with its document frequency (replaced and withdrawn records counted until merged away).
     */
    List<Word> startingWith(String field, String prefix, int max) throws IOException;

    /**
     * The words of {@code field} that share {@code word}'s first letter and are at most two edits
     * from it (a swap of two letters counting one), and possibly others, which the caller sorts out;
     * each with its document frequency (replaced and withdrawn records counted until merged away).
     */
    List<Word> near(String field, String word) throws IOException;

    /**
     * Every word of {@code field} within {@code edits} edits of {@code word} (a swap of two letters
     * counting one), whatever its first letter, and possibly others, which the caller sorts out
     * ({@link FuzzyWords}); each with its document frequency.
     */
    List<Word> within(String field, String word, int edits) throws IOException;

    /**
     * The title and summary ({@link IndexLayout#words}) of the lowest-numbered record a reader can
     * find that has {@code word} in {@code field}, or null: where a word of the index, which is
     * folded, is read as the catalogue writes it.
     */
    default String firstWith(String field, String word) throws IOException {
        return firstWith(field, List.of(word)).get(word);
    }

    /**
     * The same for each of {@code words} at once (the words offered as one types: one request to a
     * Solr collection, not one a word); a word no record a reader can find has is left out.
     */
    Map<String, String> firstWith(String field, Collection<String> words) throws IOException;
}
