package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a reader typed into a query: all words must match (AND), {@code "quoted words"} are
 * a phrase, {@code telegr*} a prefix, and the rest of Lucene's classic syntax works for those who
 * know it. What the syntax cannot read is never an error page: its words are searched as plain
 * words, and the reader is told.
 */
final class QueryReader {

    /** A query, and a note for the reader when it is not quite what they typed. */
    record ReadQuery(Query query, String notice) {
    }

    private final Analyzer analyzer;

    QueryReader(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    ReadQuery read(String text) {
        try {
            return new ReadQuery(parser().parse(text), null);
        } catch (ParseException | IllegalArgumentException e) {
            return plainWords(text, "Your search could not be read as a search expression ("
                    + reason(e) + "), so its words were searched for instead.");
        }
    }

    /** Every word of {@code text} must be there; nothing in it is syntax. */
    ReadQuery plainWords(String text, String notice) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return new ReadQuery(new MatchNoDocsQuery("no words"), "Your search has no words to look for.");
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(new TermQuery(new Term(IndexLayout.TEXT, word)), BooleanClause.Occur.MUST);
        }
        return new ReadQuery(all.build(), notice);
    }

    private QueryParser parser() {
        QueryParser parser = new AnyFieldIsTextParser(analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        // "Rola-Żymierski" and "I.V." are phrases, not two words that may sit anywhere.
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        return parser;
    }

    private List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexLayout.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("not allowed as first character")) {
            return "a word may not start with * or ?";
        }
        if (message.contains("Lexical error") || message.contains("Encountered \"<EOF>\"")) {
            return "a quote or bracket is not closed";
        }
        return "an operator such as AND, OR, NOT, + or - is not where one can be";
    }

    /**
     * Only one field is searched, so "Memo: Korea" means the words Memo and Korea rather than
     * the words of a field named memo that does not exist.
     */
    private static final class AnyFieldIsTextParser extends QueryParser {

        AnyFieldIsTextParser(Analyzer analyzer) {
            super(IndexLayout.TEXT, analyzer);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return super.getFieldQuery(IndexLayout.TEXT, queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return super.getFieldQuery(IndexLayout.TEXT, queryText, slop);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return super.getPrefixQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            return super.getWildcardQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return super.getFuzzyQuery(IndexLayout.TEXT, termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return super.getRegexpQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            return super.getRangeQuery(IndexLayout.TEXT, part1, part2, startInclusive, endInclusive);
        }
    }
}
