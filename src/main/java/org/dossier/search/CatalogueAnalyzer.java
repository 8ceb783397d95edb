package org.dossier.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilterFactory;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.util.ClasspathResourceLoader;

/**
 * Words as readers type them: case and diacritics do not count ("Le Duan" finds "Lê Duẩn",
 * "zymierski" finds "Żymierski"), a possessive is its name ("Stalin's" finds "Stalin"), and an
 * abbreviation is the same word with or without its stops ("U.S.S.R." finds "USSR", "PRC" finds
 * "P.R.C.": {@link #ABBREVIATION_STOPS}).
 *
 * <p>Two chains, one per searched field. {@link IndexLayout#TEXT} keeps the exact forms (phrases,
 * prefixes and the ranking of exact matches first use it). {@link IndexLayout#STEM} adds English
 * stemming with KStem, a conservative dictionary stemmer (plurals, -ing, -ed, -ion: "telegrams",
 * "negotiating" and "negotiations" meet "telegram", "negotiate" and "negotiation"; "letters" is
 * never "let"), after two lists shipped as resources: {@code search/protected-words.txt}, names
 * the stemmer must not touch ("Korean" stays "korean"), and {@code search/stem-overrides.txt},
 * plurals its dictionary keeps. Before the words are read, {@code search/script-folding.txt} folds
 * what ASCII folding cannot, as readers of those scripts type: "Хрущев" finds "Хрущёв", "ΑΘΗΝΑ"
 * and "αθηνα" "Αθήνα", Arabic and Hebrew without their vowel points find the pointed words. As a
 * Solr configset this is: MappingCharFilter (script-folding.txt), StandardTokenizer,
 * EnglishPossessiveFilter, LowerCaseFilter, ASCIIFoldingFilter, PatternReplaceFilter (the stops of
 * an abbreviation, {@link #ABBREVIATION_STOPS}, replaced by nothing), PatternReplaceFilter (the
 * commas of a number's digit groups, {@link #DIGIT_GROUP_COMMAS}, likewise), then for the stemmed field
 * KeywordMarkerFilter, StemmerOverrideFilter and KStemFilter.
 *
 * <p>The stored title and summary are highlighted with both forms at each position (the exact
 * word and its stem), so that a match of either field is marked.
 */
final class CatalogueAnalyzer extends Analyzer {

    private static final CharArraySet PROTECTED = new CharArraySet(protectedWords(), false);
    private static final StemmerOverrideFilter.StemmerOverrideMap OVERRIDES = overrides();
    /** Solr's own factory reads the file, so that both engines read its lines alike. */
    private static final MappingCharFilterFactory SCRIPT_FOLDING = scriptFolding();

    /**
     * The stops of a word of single letters each followed by a stop: the tokenizer keeps
     * "U.S.S.R." as one word, "u.s.s.r", which no record writing "USSR" has (and "P.R.C." missed
     * "PRC", "I.V. Stalin" "IV Stalin"), so the stops are taken out and both are "ussr". Only such
     * words: "1.5" or "example.com" keep theirs. The Solr configset's PatternReplaceFilterFactory
     * has the same pattern (schema.xml).
     */
    static final Pattern ABBREVIATION_STOPS = Pattern.compile("(?<=^(?:\\p{L}\\.){0,30}\\p{L})\\.(?=(?:\\p{L}\\.)*\\p{L}$)");

    /**
     * The commas of a number written in groups of three digits: the tokenizer keeps "405,976" as
     * one word, "405,976", which the records writing "405976" lack (and the other way round), so
     * the commas are taken out and both are "405976", as a reader of a telegram's number or a
     * sum expects. Only such words: "1950,1951" keeps its comma. The Solr configset's
     * PatternReplaceFilterFactory has the same pattern (schema.xml).
     */
    static final Pattern DIGIT_GROUP_COMMAS = Pattern.compile("(?<=^\\d{1,3}(?:,\\d{3}){0,30}),(?=\\d{3}(?:,\\d{3})*$)");

    /** How many words' stems an indexing chain remembers before it forgets them all and starts again. */
    static final int REMEMBERED_STEMS = 50_000;

    /** 0: every word is stemmed each time it is seen. */
    private final int rememberedStems;

    CatalogueAnalyzer() {
        this(0);
    }

    private CatalogueAnalyzer(int rememberedStems) {
        super(PER_FIELD_REUSE_STRATEGY);
        this.rememberedStems = rememberedStems;
    }

    /**
     * The same chains for the index writers, whose stemmed field remembers each word's stem
     * (see {@link RememberedStems}). Only writers get it: a few threads, so a few bounded tables,
     * where every request thread of the searching analyzer would hold one.
     */
    static CatalogueAnalyzer forIndexing() {
        return forIndexing(REMEMBERED_STEMS);
    }

    static CatalogueAnalyzer forIndexing(int rememberedStems) {
        if (rememberedStems < 1) {
            throw new IllegalArgumentException("an indexing analyzer remembers at least one stem, not " + rememberedStems);
        }
        return new CatalogueAnalyzer(rememberedStems);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(words);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new MarksLeftOut(stream, '.', ABBREVIATION_STOPS);
        stream = new MarksLeftOut(stream, ',', DIGIT_GROUP_COMMAS);
        if (IndexLayout.STEM.equals(fieldName)) {
            stream = rememberedStems > 0 ? new RememberedStems(stream, rememberedStems) : stemmed(stream);
        } else if (IndexLayout.TITLE.equals(fieldName) || IndexLayout.SUMMARY.equals(fieldName)) {
            stream = new RemoveDuplicatesTokenFilter(stemmed(new KeywordRepeatFilter(stream)));
        }
        return new TokenStreamComponents(words, stream);
    }

    /**
     * Takes the stops out of an abbreviation ({@link #ABBREVIATION_STOPS}) or the commas out of a
     * number's digit groups ({@link #DIGIT_GROUP_COMMAS}), as Solr's PatternReplaceFilter does with
     * the same pattern, but tries the pattern only on a word with that mark in it: run on every
     * word of a build (a million records), the pattern's look-behind was tried at every letter of
     * every word.
     */
    private static final class MarksLeftOut extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final char mark;
        private final Pattern marks;

        /** @param marks the pattern that finds the {@code mark}s to leave out of a word */
        MarksLeftOut(TokenStream input, char mark, Pattern marks) {
            super(input);
            this.mark = mark;
            this.marks = marks;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] buffer = term.buffer();
            for (int i = 0, length = term.length(); i < length; i++) {
                if (buffer[i] == mark) {
                    String word = term.toString();
                    String without = marks.matcher(word).replaceAll("");
                    if (!without.equals(word)) {
                        term.setEmpty().append(without);
                    }
                    break;
                }
            }
            return true;
        }
    }

    private static TokenStream stemmed(TokenStream stream) {
        stream = new SetKeywordMarkerFilter(stream, PROTECTED);
        stream = new StemmerOverrideFilter(stream, OVERRIDES);
        return new KStemFilter(stream);
    }

    /**
     * The stemmed chain's last three filters (protected words, overrides, KStem), run once per
     * distinct word and remembered: what they make of a word depends on the word alone, and a
     * catalogue's texts use the same few thousand words again and again, so that a build spent
     * about a fifth of its writers' time looking the same words up in the stemmer's dictionaries.
     * A word is stemmed by the very filters of the chain it replaces, on a stream of that one word,
     * so that the terms are the same; a token already marked a keyword passes unchanged, as the
     * three filters leave it. The table is cleared when full, so that it stays bounded.
     */
    static final class RememberedStems extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final int limit;
        private final CharArrayMap<Stem> stems = new CharArrayMap<>(1_024, false);
        private final OneWord word = new OneWord();
        private final TokenStream stemming = stemmed(word);
        private final CharTermAttribute stemmedTerm = stemming.getAttribute(CharTermAttribute.class);
        private final KeywordAttribute stemmedKeyword = stemming.addAttribute(KeywordAttribute.class);

        RememberedStems(TokenStream input, int limit) {
            super(input);
            this.limit = limit;
        }

        /** What the three filters made of a word: its term and whether they marked it a keyword. */
        private record Stem(char[] term, boolean keyword) {
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (keyword.isKeyword()) {
                return true;
            }
            Stem stem = stems.get(term.buffer(), 0, term.length());
            if (stem == null) {
                stem = stemOf(term.buffer(), term.length());
                if (stems.size() >= limit) {
                    stems.clear();
                }
                stems.put(Arrays.copyOf(term.buffer(), term.length()), stem);
            }
            term.copyBuffer(stem.term(), 0, stem.term().length);
            keyword.setKeyword(stem.keyword());
            return true;
        }

        private Stem stemOf(char[] buffer, int length) throws IOException {
            word.set(buffer, length);
            stemming.reset();
            if (!stemming.incrementToken()) {
                throw new IllegalStateException("the stemming filters dropped the word '" + new String(buffer, 0, length) + "'");
            }
            Stem stem = new Stem(Arrays.copyOf(stemmedTerm.buffer(), stemmedTerm.length()), stemmedKeyword.isKeyword());
            stemming.end();
            return stem;
        }
    }

    /** A stream of one given word, not marked a keyword: what {@link RememberedStems} stems. */
    private static final class OneWord extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private char[] buffer = new char[0];
        private int length;
        private boolean given;

        void set(char[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        @Override
        public boolean incrementToken() {
            if (given) {
                return false;
            }
            clearAttributes();
            term.copyBuffer(buffer, 0, length);
            keyword.setKeyword(false);
            given = true;
            return true;
        }

        @Override
        public void reset() {
            given = false;
        }
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return SCRIPT_FOLDING.create(reader);
    }

    /** Prefix and wildcard terms ({@code Żymier*}, {@code Αθήν*}) are folded the same way as indexed words. */
    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return SCRIPT_FOLDING.normalize(reader);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    private static MappingCharFilterFactory scriptFolding() {
        Map<String, String> arguments = new HashMap<>(Map.of("mapping", "search/script-folding.txt"));
        MappingCharFilterFactory factory = new MappingCharFilterFactory(arguments);
        try {
            factory.inform(new ClasspathResourceLoader(CatalogueAnalyzer.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return factory;
    }

    /** The stem of one word as the stemmed field indexes it (for tests and the spelling checks). */
    String stem(String word) {
        try (TokenStream stream = tokenStream(IndexLayout.STEM, word)) {
            var term = stream.addAttribute(CharTermAttribute.class);
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

    /** The lines of a resource of {@code search/}, without blank lines and '#' comments. */
    static List<String> lines(String resource) {
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
