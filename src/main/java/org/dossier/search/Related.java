package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How to find the records most like one record, from the index's word statistics alone, written
 * once for both engines ({@link WordStatistics}): one small query for what the record shares most
 * tellingly, its people and places and its stemmed words. Candidates are those in at least two
 * records and at most {@value #MAX_SHARE_PERCENT} % of them ("telegram", Stalin and China say
 * little of kinship), the most telling first (tf·idf; a person or place weighs
 * {@value #LINK_BOOST} times a word: sharing Shtykov says more than sharing "ammunition"); at most
 * {@value #MAX_TERMS} of them are asked for, and only while the records they are in add up to at
 * most {@value #POSTINGS_BUDGET}, so the query reads a bounded number of postings whatever the
 * record and however large the catalogue (the rarer a term, the more it says anyway). A related
 * record must share at least {@value #MIN_SHOULD_MATCH} of them (or the one person or place asked
 * for): one shared word is no kinship.
 *
 * <p>A record's likeness is the sum of the weights of the terms it shares, each a constant (not
 * BM25, whose statistics differ between one index and the shards of a collection), rounded to
 * 1/{@value #WEIGHT_STEPS}: sums of such numbers are exact in any order, so both engines rank
 * alike; equals by record number. The record itself is never among them; a withdrawn record is
 * neither asked about nor found.
 */
final class Related {

    static final int MAX_TERMS = 10;
    static final long POSTINGS_BUDGET = 30_000;
    static final int MIN_SHOULD_MATCH = 2;
    static final int MAX_SHARE_PERCENT = 25;
    static final int MIN_MOST = 5;
    static final float LINK_BOOST = 2f;
    static final int MIN_WORD_LENGTH = 3;
    static final int WEIGHT_STEPS = 1024;

    /** A term to look for: {@code field} is a facet's key (a person or place) or {@link IndexLayout#STEM}. */
    record Term(String field, String text, float weight) {
        boolean link() {
            return !field.equals(IndexLayout.STEM);
        }
    }

    /** The query: records sharing at least {@code minimumShared} of {@code terms}, ranked by the sum of their weights. */
    record Likeness(List<Term> terms, int minimumShared) {
    }

    /** What the record is: its people's and places' keys (by facet key), and its title and summary. */
    record Record(Map<Facet, List<String>> links, String title, String summary) {
    }

    private record Candidate(Term term, double weight, long records) {
    }

    private Related() {
    }

    /** What to look for records like {@code record} by; null when it shares nothing telling. */
    static Likeness of(WordStatistics index, Analyzer analyzer, Record record) throws IOException {
        List<Candidate> chosen = chosen(candidates(index, analyzer, record));
        if (chosen.isEmpty()) {
            return null;
        }
        List<Term> terms = chosen.stream().map(Candidate::term).toList();
        return new Likeness(terms, terms.size() >= MIN_SHOULD_MATCH ? MIN_SHOULD_MATCH : 0);
    }

    /**
     * The most telling candidates first, as many as the bounds allow: at most {@value #MAX_TERMS},
     * whose records add up to at most {@value #POSTINGS_BUDGET}. Two at least, or one person or
     * place: a single shared word is no kinship.
     */
    private static List<Candidate> chosen(List<Candidate> candidates) {
        // Equal weights in a fixed order, whatever order the engine gave the terms in.
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.weight())
                .thenComparing(c -> c.term().field()).thenComparing(c -> c.term().text()));
        List<Candidate> chosen = new ArrayList<>();
        long postings = 0;
        for (Candidate candidate : candidates) {
            if (chosen.size() == MAX_TERMS) {
                break;
            }
            if (postings + candidate.records() > POSTINGS_BUDGET) {
                continue;
            }
            chosen.add(candidate);
            postings += candidate.records();
        }
        if (chosen.size() == 1 && !chosen.get(0).term().link()) {
            return List.of();
        }
        return chosen;
    }

    private static List<Candidate> candidates(WordStatistics index, Analyzer analyzer, Record record)
            throws IOException {
        Map<String, Integer> words = words(analyzer, record);
        Map<String, Collection<String>> asked = new HashMap<>();
        for (Map.Entry<Facet, List<String>> links : record.links().entrySet()) {
            asked.put(links.getKey().key(), links.getValue());
        }
        asked.put(IndexLayout.STEM, words.keySet());
        WordStatistics.Counts counts = index.count(asked);
        long documents = counts.records();
        long most = Math.max(MIN_MOST, documents * MAX_SHARE_PERCENT / 100);
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Facet, List<String>> links : record.links().entrySet()) {
            String field = links.getKey().key();
            for (String key : links.getValue().stream().distinct().toList()) {
                long df = counts.of(field, key);
                if (df >= 2 && df <= most) {
                    double weight = LINK_BOOST * idf(documents, df);
                    candidates.add(new Candidate(new Term(field, key, rounded(weight)), weight, df));
                }
            }
        }
        for (Map.Entry<String, Integer> word : words.entrySet()) {
            long df = counts.of(IndexLayout.STEM, word.getKey());
            if (df >= 2 && df <= most) {
                double weight = word.getValue() * idf(documents, df);
                candidates.add(new Candidate(new Term(IndexLayout.STEM, word.getKey(), rounded(weight)), weight, df));
            }
        }
        return candidates;
    }

    private static double idf(long documents, long docFreq) {
        return Math.log(1 + (double) documents / docFreq);
    }

    /** A weight in steps of 1/{@value #WEIGHT_STEPS}, at least one step. */
    private static float rounded(double weight) {
        return Math.max(1, Math.round(weight * WEIGHT_STEPS)) / (float) WEIGHT_STEPS;
    }

    /** The weight as exact decimal text, for engines that read queries as text. */
    static String decimal(float weight) {
        return new java.math.BigDecimal(weight).toPlainString();
    }

    /** The record's stemmed words of at least {@value #MIN_WORD_LENGTH} letters, with how often each occurs. */
    private static Map<String, Integer> words(Analyzer analyzer, Record record) throws IOException {
        String text = IndexLayout.words(record.title(), record.summary());
        Map<String, Integer> frequencies = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(IndexLayout.STEM, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() >= MIN_WORD_LENGTH && !Character.isDigit(term.charAt(0))) {
                    frequencies.merge(term.toString(), 1, Integer::sum);
                }
            }
            stream.end();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return frequencies;
    }
}
