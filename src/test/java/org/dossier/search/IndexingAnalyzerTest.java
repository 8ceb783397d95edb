package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The index writers' analyzer remembers stems (CatalogueAnalyzer.forIndexing): what it makes of a
 * text must be exactly what the searching analyzer makes of it, token by token, or searches would
 * miss what was indexed.
 */
@SameOnEveryDatabase
class IndexingAnalyzerTest {

    /** Every seed page, whole: titles, summaries, curly quotes, accents, possessives, protected names. */
    private static String seedText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> pages = Files.list(Path.of("seeds"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                text.append(Files.readString(page, StandardCharsets.UTF_8)).append("\n\n");
            }
        }
        return text.toString();
    }

    /** Each token with every attribute the index reads of it. */
    private static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + " +" + increment.getPositionIncrement() + " /" + length.getPositionLength() + " "
                        + offset.startOffset() + "-" + offset.endOffset() + " " + type.type() + " " + keyword.isKeyword());
            }
            stream.end();
            tokens.add("end " + offset.endOffset() + " +" + increment.getPositionIncrement());
        }
        return tokens;
    }

    @Test
    void theWritersAnalyzerMakesTheSameTokensAsTheSearchingOne() throws IOException {
        String text = seedText() + " Stalin's telegrams, negotiating negotiations: Korean letters, Żymierski, Lê Duẩn.";
        Analyzer searching = new CatalogueAnalyzer();
        Analyzer indexing = CatalogueAnalyzer.forIndexing();
        for (String field : List.of(IndexLayout.STEM, IndexLayout.TEXT, IndexLayout.TITLE, IndexLayout.SUMMARY)) {
            List<String> expected = tokens(searching, field, text);
            assertTrue(expected.size() > 2_000, "the seed pages are " + expected.size() + " tokens");
            assertEquals(expected, tokens(indexing, field, text), field);
            // Again, now that every word's stem is remembered.
            assertEquals(expected, tokens(indexing, field, text), field + ", the second time");
        }
    }

    @Test
    void aFullTableIsForgottenAndTheStemsStayTheSame() throws IOException {
        String text = seedText();
        assertEquals(tokens(new CatalogueAnalyzer(), IndexLayout.STEM, text),
                tokens(CatalogueAnalyzer.forIndexing(3), IndexLayout.STEM, text));
    }

    @Test
    void anIndexingAnalyzerRemembersAtLeastOneStem() {
        assertThrows(IllegalArgumentException.class, () -> CatalogueAnalyzer.forIndexing(0));
    }
}
