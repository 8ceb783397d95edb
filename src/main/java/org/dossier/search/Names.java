package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The names of people and places in the authority lists, as the words a reader types: which
 * authority a word or phrase names ("Filippov" and "Instantsia" are Stalin; "North Korea" is the
 * DPRK), so that a search for it also finds the records linked to that authority, and every word
 * of every name, for spelling suggestions.
 *
 * <p>Only unambiguous forms widen a search: a form of kind {@code full-name-only} ("Kim", "Mao",
 * "Zhou", "Chiang": short forms many others share) does not, nor a form that names more than
 * one authority.
 */
final class Names {

    static final String FULL_NAME_ONLY = "full-name-only";

    /** One row of an authority list: a form of the name of the person or place {@code key}. */
    record Form(Facet facet, String key, String label, String name, String kind) {
    }

    /** What a form names: an authority, and its preferred name for the reader. */
    record Named(Facet facet, String key, String label) {
    }

    /** A word as the index holds it (folded), as the text it was read from writes it, and where (in the text composed). */
    record Word(String folded, String written, int start) {
    }

    static final Names NONE = new Names(Map.of(), Map.of(), 0);

    /** Unambiguous forms by their words written together ({@link #together}). */
    private final Map<String, Named> expanding;
    private final Map<String, String> written;
    private final int longest;

    private Names(Map<String, Named> expanding, Map<String, String> written, int longest) {
        this.expanding = expanding;
        this.written = written;
        this.longest = longest;
    }

    static Names of(List<Form> forms, Analyzer analyzer) {
        Map<String, Set<Named>> byWords = new HashMap<>();
        Map<String, Integer> wordCounts = new HashMap<>();
        Set<String> shortForms = new HashSet<>();
        Map<String, String> written = new TreeMap<>();
        for (Form form : forms) {
            List<Word> read = words(analyzer, form.name());
            if (read.isEmpty()) {
                continue;
            }
            List<String> tokens = read.stream().map(Word::folded).toList();
            // As the first form that has the word writes it: the lists give the preferred name first.
            read.forEach(word -> written.putIfAbsent(word.folded(), word.written()));
            if (FULL_NAME_ONLY.equals(form.kind())) {
                shortForms.add(together(tokens));
            } else {
                byWords.computeIfAbsent(together(tokens), t -> new HashSet<>())
                        .add(new Named(form.facet(), form.key(), form.label()));
                wordCounts.merge(together(tokens), tokens.size(), Math::max);
            }
        }
        Map<String, Named> expanding = new HashMap<>();
        int longest = 0;
        for (Map.Entry<String, Set<Named>> entry : byWords.entrySet()) {
            if (entry.getValue().size() == 1 && !shortForms.contains(entry.getKey())) {
                expanding.put(entry.getKey(), entry.getValue().iterator().next());
                longest = Math.max(longest, wordCounts.get(entry.getKey()));
            }
        }
        return new Names(Map.copyOf(expanding), Collections.unmodifiableMap(written), longest);
    }

    /**
     * The authority these words name, or null when they name none or not unambiguously. A name's
     * words may be written apart, hyphenated or as one, as its transliterations do: "Zhou En-lai"
     * and "Chou Enlai" are Zhou Enlai (listed as "Zhou Enlai" and "Chou En-lai"), "Kim Ilsung" Kim
     * Il Sung, "Mao Tsetung" Mao Zedong; they found nothing.
     */
    Named named(List<String> tokens) {
        return tokens.size() > longest ? null : expanding.get(together(tokens));
    }

    /** A name's words written together: its parts apart, hyphenated or joined are the same name. */
    private static String together(List<String> tokens) {
        return String.join("", tokens);
    }

    /** The most words a widening name has. */
    int longest() {
        return longest;
    }

    /** Every word of every name, folded as the index folds them. */
    Set<String> words() {
        return written.keySet();
    }

    /** How the authority lists write {@code folded}, a word of a name ("zymierski": "Żymierski"), or null. */
    String written(String folded) {
        return written.get(folded);
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        return words(analyzer, text).stream().map(Word::folded).toList();
    }

    /**
     * The words of {@code text} as the index folds them, each with the piece of the text it was
     * read from, without an English possessive ("Stalin's": "stalin", written "Stalin").
     */
    static List<Word> words(Analyzer analyzer, String text) {
        List<Word> words = new ArrayList<>();
        // Composed (NFC) first, as records and searches are: a form an editor typed with combining
        // accents is then the same words as the one typed precomposed.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        try (TokenStream stream = analyzer.tokenStream(IndexLayout.TEXT, composed)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String piece = composed.substring(offsets.startOffset(), offsets.endOffset());
                words.add(new Word(term.toString(), POSSESSIVE.matcher(piece).replaceFirst(""), offsets.startOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** What EnglishPossessiveFilter takes off a word (its offsets still cover it). */
    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019\uFF07][sS]$");
}
