package org.dossier.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * A word of the index (folded: no case, no accents) written as the catalogue writes it, for what a
 * reader is offered to search for: "did you mean" ({@link Spelling}) and the words offered as one
 * types ({@link Suggestions}), on both engines.
 */
final class AsWritten {

    private final Analyzer analyzer;

    AsWritten(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * {@code word}, folded as the index holds it, as the catalogue writes it: a name as the
     * authority lists write it ("Molotov", "Żymierski", whatever the reader typed); another word as
     * the lowest-numbered record with it writes it: kept as written where a summary capitalises it
     * within a sentence (a name the lists lack), else with its accents ("chargé") but capitalised
     * as the reader's word was ({@code capital}), since titles capitalise every word. One answer on
     * both engines: the same record, read the same way.
     */
    String word(WordStatistics index, String word, Names names, boolean capital) throws IOException {
        String name = names.written(word);
        return name != null ? name : written(word, index.firstWith(IndexLayout.TEXT, word), capital);
    }

    /** The same for each of {@code words}, in their order, the records read at once for all of them. */
    List<String> words(WordStatistics index, List<String> words, Names names, boolean capital) throws IOException {
        Map<String, String> found = index.firstWith(IndexLayout.TEXT,
                words.stream().filter(word -> names.written(word) == null).toList());
        List<String> written = new ArrayList<>();
        for (String word : words) {
            String name = names.written(word);
            written.add(name != null ? name : written(word, found.get(word), capital));
        }
        return written;
    }

    /** {@code word} as {@code found}, the title and summary of the first record with it (null for none), writes it. */
    private String written(String word, String found, boolean capital) {
        String as = word;
        if (found != null) {
            // Composed, as the words' places are (records are stored composed already).
            String text = Normalizer.normalize(found, Normalizer.Form.NFC);
            int summary = text.indexOf(IndexLayout.WORDS_APART);
            List<Names.Word> occurrences = Names.words(analyzer, text).stream()
                    .filter(read -> read.folded().equals(word)).toList();
            Names.Word common = occurrences.stream()
                    .filter(read -> !Character.isUpperCase(read.written().codePointAt(0))).findFirst().orElse(null);
            if (common != null) {
                as = common.written();
            } else {
                for (Names.Word read : occurrences) {
                    if (read.start() > summary && !SENTENCE_START.matcher(text.substring(0, read.start())).find()) {
                        return read.written(); // a name, capitalised within a sentence
                    }
                }
                as = occurrences.isEmpty() ? word : occurrences.get(0).written();
            }
        }
        String first = new String(Character.toChars(as.codePointAt(0)));
        String rest = as.substring(first.length());
        return (capital ? first.toUpperCase(Locale.ROOT) : first.toLowerCase(Locale.ROOT)) + rest;
    }

    /** What a text ends with before a sentence starts: a full stop or a paragraph, then quotes or brackets. */
    private static final Pattern SENTENCE_START = Pattern.compile("(^|[.!?\\u2026:;]|\\n)[\\s\\p{Pi}\\p{Ps}\\p{Pf}\"']*$");

}
