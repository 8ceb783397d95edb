package org.dossier.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as readers type them: case and diacritics do not count ("Le Duan" finds "Lê Duẩn",
 * "zymierski" finds "Żymierski") and a possessive is its name ("Stalin's" finds "Stalin").
 *
 * <p>Two chains, one per searched field. {@link IndexLayout#TEXT} keeps the exact forms (phrases,
 * prefixes and the ranking of exact matches first use it). {@link IndexLayout#STEM} adds English
 * stemming with KStem, a conservative dictionary stemmer (plurals, -ing, -ed, -ion: "telegrams",
 * "negotiating" and "negotiations" meet "telegram", "negotiate" and "negotiation"; "letters" is
 * never "let"), after two lists shipped as resources: {@code search/protected-words.txt}, names
 * the stemmer must not touch ("Korean" stays "korean"), and {@code search/stem-overrides.txt},
 * plurals its dictionary keeps. As a Solr configset this is: StandardTokenizer,
 * EnglishPossessiveFilter, LowerCaseFilter, ASCIIFoldingFilter, then for the stemmed field
 * KeywordMarkerFilter, StemmerOverrideFilter and KStemFilter.
 *
 * <p>The stored title and summary are highlighted with both forms at each position (the exact
 * word and its stem), so that a match of either field is marked.
 */
final class CatalogueAnalyzer extends Analyzer {

    private static final CharArraySet PROTECTED = new CharArraySet(protectedWords(), false);
    private static final StemmerOverrideFilter.StemmerOverrideMap OVERRIDES = overrides();

    CatalogueAnalyzer() {
        super(PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(words);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        if (IndexLayout.STEM.equals(fieldName)) {
            stream = stemmed(stream);
        } else if (IndexLayout.TITLE.equals(fieldName) || IndexLayout.SUMMARY.equals(fieldName)) {
            stream = new RemoveDuplicatesTokenFilter(stemmed(new KeywordRepeatFilter(stream)));
        }
        return new TokenStreamComponents(words, stream);
    }

    private static TokenStream stemmed(TokenStream stream) {
        stream = new SetKeywordMarkerFilter(stream, PROTECTED);
        stream = new StemmerOverrideFilter(stream, OVERRIDES);
        return new KStemFilter(stream);
    }

    /** Prefix and wildcard terms ({@code Żymier*}) are folded the same way as indexed words. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    /** The stem of one word as the stemmed field indexes it (for tests and the spelling checks). */
    String stem(String word) {
        try (TokenStream stream = tokenStream(IndexLayout.STEM, word)) {
            var term = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            String stem = stream.incrementToken() ? term.toString() : "";
            stream.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> protectedWords() {
        List<String> words = new ArrayList<>();
        for (String line : lines("search/protected-words.txt")) {
            words.add(line.strip());
        }
        return words;
    }

    private static StemmerOverrideFilter.StemmerOverrideMap overrides() {
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        for (String line : lines("search/stem-overrides.txt")) {
            String[] pair = line.split("\t");
            if (pair.length != 2) {
                throw new IllegalStateException("search/stem-overrides.txt: '" + line + "' is not word<TAB>stem");
            }
            builder.add(pair[0].strip(), pair[1].strip());
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String resource) {
        InputStream in = CatalogueAnalyzer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the resource " + resource + " is missing");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
