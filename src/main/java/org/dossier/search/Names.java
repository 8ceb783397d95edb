package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

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

    static final Names NONE = new Names(Map.of(), Set.of(), 0);

    private final Map<List<String>, Named> expanding;
    private final Set<String> words;
    private final int longest;

    private Names(Map<List<String>, Named> expanding, Set<String> words, int longest) {
        this.expanding = expanding;
        this.words = words;
        this.longest = longest;
    }

    static Names of(List<Form> forms, Analyzer analyzer) {
        Map<List<String>, Set<Named>> byWords = new HashMap<>();
        Set<List<String>> shortForms = new HashSet<>();
        Set<String> words = new TreeSet<>();
        for (Form form : forms) {
            List<String> tokens = tokens(analyzer, form.name());
            if (tokens.isEmpty()) {
                continue;
            }
            words.addAll(tokens);
            if (FULL_NAME_ONLY.equals(form.kind())) {
                shortForms.add(tokens);
            } else {
                byWords.computeIfAbsent(tokens, t -> new HashSet<>())
                        .add(new Named(form.facet(), form.key(), form.label()));
            }
        }
        Map<List<String>, Named> expanding = new HashMap<>();
        int longest = 0;
        for (Map.Entry<List<String>, Set<Named>> entry : byWords.entrySet()) {
            if (entry.getValue().size() == 1 && !shortForms.contains(entry.getKey())) {
                expanding.put(List.copyOf(entry.getKey()), entry.getValue().iterator().next());
                longest = Math.max(longest, entry.getKey().size());
            }
        }
        return new Names(Map.copyOf(expanding), Set.copyOf(words), longest);
    }

    /** The authority these words name, or null when they name none or not unambiguously. */
    Named named(List<String> tokens) {
        return tokens.size() > longest ? null : expanding.get(tokens);
    }

    /** The most words a widening name has. */
    int longest() {
        return longest;
    }

    /** Every word of every name, folded as the index folds them. */
    Set<String> words() {
        return words;
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        // Composed (NFC) first, as records and searches are: a form an editor typed with combining
        // accents is then the same words as the one typed precomposed.
        try (TokenStream stream = analyzer.tokenStream(IndexLayout.TEXT, Normalizer.normalize(text, Normalizer.Form.NFC))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
