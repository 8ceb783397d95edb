package org.dossier.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
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

    private Highlights() {
    }

    /** For each hit, in order: the title and the snippet. */
    static HighlightedText[][] of(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docIds)
            throws IOException {
        HighlightedText[][] out = new HighlightedText[docIds.length][2];
        if (docIds.length == 0) {
            return out;
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                // The words are matched in 'text' and 'stem'; they are shown in the stored title and
                // summary, analysed with both forms at each position (see CatalogueAnalyzer).
                .withFieldMatcher(field -> IndexLayout.TEXT.equals(field) || IndexLayout.STEM.equals(field))
                .withWeightMatches(false)
                .withFormatter(new EscapingFormatter())
                .withMaxLength(10_000);
        UnifiedHighlighter highlighter = new PerFieldHighlighter(builder);
        Map<String, String[]> marked = highlighter.highlightFields(
                new String[] {IndexLayout.TITLE, IndexLayout.SUMMARY}, query, docIds,
                new int[] {1, SUMMARY_PASSAGES});
        String[] titles = marked.get(IndexLayout.TITLE);
        String[] summaries = marked.get(IndexLayout.SUMMARY);
        for (int i = 0; i < docIds.length; i++) {
            out[i][0] = titles[i] == null ? HighlightedText.EMPTY : new HighlightedText(titles[i]);
            out[i][1] = summaries[i] == null ? HighlightedText.EMPTY : new HighlightedText(summaries[i]);
        }
        return out;
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
