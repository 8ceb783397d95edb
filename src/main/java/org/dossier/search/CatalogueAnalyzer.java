package org.dossier.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as readers type them: case and diacritics do not count ("Le Duan" finds "Lê Duẩn",
 * "zymierski" finds "Żymierski") and a possessive is its name ("Stalin's" finds "Stalin").
 * No stop words and no stemming: archival titles are searched for exact phrases.
 */
final class CatalogueAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(words);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(words, stream);
    }

    /** Prefix and wildcard terms ({@code Żymier*}) are folded the same way as indexed words. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
