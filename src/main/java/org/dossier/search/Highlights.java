package org.dossier.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.unbescape.html.HtmlEscape;

/**
 * Marks the matching words in a page of hits: the whole title, and the best two sentences of
 * the summary (its first ones when no word of the summary matched). Text is escaped before any
 * tag is added, so a record's text can never become markup.
 */
final class Highlights {

    private static final int SUMMARY_PASSAGES = 2;
    /** How much of a title or summary is read for matches. */
    private static final int MAX_LENGTH = 10_000;
    private static final Set<String> STORED = Set.of(IndexLayout.TITLE, IndexLayout.SUMMARY);

    private Highlights() {
    }

    /** A hit's title and summary as stored, to be marked. */
    record Stored(String title, String summary) {
    }

    /** For each hit of the embedded index, in order: the title and the snippet. */
    static HighlightedText[][] of(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docIds)
            throws IOException {
        List<Stored> stored = new ArrayList<>(docIds.length);
        StoredFields fields = searcher.storedFields();
        for (int docId : docIds) {
            Document record = fields.document(docId, STORED);
            stored.add(new Stored(record.get(IndexLayout.TITLE), record.get(IndexLayout.SUMMARY)));
        }
        return of(analyzer, query, stored);
    }

    /**
     * For each hit, in order: the title and the snippet, from its stored title and summary. Both
     * engines mark their hits here, with the same chains, sentences and escaping: SolrCloud's own
     * highlighter gave other snippets (its fragments grew to neighbouring sentences, its sentences
     * broke before an emoji, its encoder wrote an apostrophe as an entity).
     */
    static HighlightedText[][] of(Analyzer analyzer, Query query, List<Stored> hits) throws IOException {
        HighlightedText[][] out = new HighlightedText[hits.size()][2];
        if (hits.isEmpty()) {
            return out;
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                // The words are matched in 'text' and 'stem'; they are shown in the stored title and
                // summary, analysed with both forms at each position (see CatalogueAnalyzer).
                .withFieldMatcher(field -> IndexLayout.TEXT.equals(field) || IndexLayout.STEM.equals(field))
                .withWeightMatches(false)
                .withFormatter(new EscapingFormatter())
                .withMaxLength(MAX_LENGTH);
        UnifiedHighlighter highlighter = new PerFieldHighlighter(builder);
        for (int i = 0; i < hits.size(); i++) {
            out[i][0] = marked(highlighter, IndexLayout.TITLE, query, hits.get(i).title(), 1);
            out[i][1] = marked(highlighter, IndexLayout.SUMMARY, query, hits.get(i).summary(), SUMMARY_PASSAGES);
        }
        return out;
    }

    private static HighlightedText marked(UnifiedHighlighter highlighter, String field, Query query, String text,
                                          int passages) throws IOException {
        if (text == null || text.isEmpty()) {
            return HighlightedText.EMPTY;
        }
        // What a highlighter with a searcher reads of a stored field: its first MAX_LENGTH characters.
        String content = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
        Object html = highlighter.highlightWithoutSearcher(field, query, content, passages);
        return html == null ? HighlightedText.EMPTY : new HighlightedText(html.toString());
    }

    private static final class PerFieldHighlighter extends UnifiedHighlighter {

        PerFieldHighlighter(Builder builder) {
            super(builder);
        }

        @Override
        protected BreakIterator getBreakIterator(String field) {
            return IndexLayout.TITLE.equals(field) ? new WholeBreakIterator() : new ForwardSentences();
        }
    }

    /** Escapes every piece of text, then wraps the matches in {@code <mark>}. */
    static final class EscapingFormatter extends PassageFormatter {

        static final String ELLIPSIS = " \u2026 ";

        @Override
        public String format(Passage[] passages, String content) {
            StringBuilder html = new StringBuilder();
            int previousEnd = -1;
            for (Passage passage : passages) {
                if (previousEnd >= 0 && passage.getStartOffset() > previousEnd) {
                    html.append(ELLIPSIS);
                }
                int at = passage.getStartOffset();
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    int start = passage.getMatchStarts()[i];
                    int end = passage.getMatchEnds()[i];
                    if (start < at) {
                        // overlaps the previous match (a phrase inside a phrase): extend, do not repeat
                        start = at;
                    }
                    if (end <= start) {
                        continue;
                    }
                    html.append(escape(content, at, start)).append("<mark>").append(escape(content, start, end))
                            .append("</mark>");
                    at = end;
                }
                html.append(escape(content, at, passage.getEndOffset()));
                previousEnd = passage.getEndOffset();
            }
            return html.toString().strip();
        }

        /** Everything HTML gives a meaning to (&amp; &lt; &gt; &quot; and '), in text and attribute values alike. */
        private static String escape(String content, int start, int end) {
            return HtmlEscape.escapeHtml4Xml(content.substring(start, end));
        }
    }
}
