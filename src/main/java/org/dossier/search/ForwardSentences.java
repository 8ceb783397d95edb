package org.dossier.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;
import java.util.Locale;

/**
 * The JDK's English sentences, with every boundary found going forward. Its own {@code preceding}
 * and {@code following}, which the highlighter asks to find the sentence around a match, run its
 * rules backwards, and those stop at a full stop followed by an emoji: a snippet then began in
 * the middle of a sentence, at ". 👨‍👩‍👧 about …" instead of "Third words. 👨‍👩‍👧 about …".
 * Read from the start, the same rules find the boundaries the JDK gives with {@code first} and
 * {@code next}. (SolrCloud's hits are marked here too, by {@link Highlights}, not by Solr's highlighter.)
 */
final class ForwardSentences extends BreakIterator {

    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    private CharacterIterator text = new StringCharacterIterator("");
    private int[] boundaries = {0};
    private int current;

    @Override
    public void setText(CharacterIterator newText) {
        text = newText;
        sentences.setText(newText);
        int[] found = new int[16];
        int n = 0;
        for (int at = sentences.first(); at != DONE; at = sentences.next()) {
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = at;
        }
        boundaries = Arrays.copyOf(found, n);
        current = 0;
    }

    @Override
    public CharacterIterator getText() {
        return text;
    }

    @Override
    public int first() {
        current = 0;
        return boundaries[0];
    }

    @Override
    public int last() {
        current = boundaries.length - 1;
        return boundaries[current];
    }

    @Override
    public int next(int n) {
        int to = current + n;
        if (to < 0 || to >= boundaries.length) {
            current = to < 0 ? 0 : boundaries.length - 1;
            return DONE;
        }
        current = to;
        return boundaries[current];
    }

    @Override
    public int next() {
        return next(1);
    }

    @Override
    public int previous() {
        return next(-1);
    }

    @Override
    public int following(int offset) {
        int at = Arrays.binarySearch(boundaries, offset);
        int index = at >= 0 ? at + 1 : -at - 1;
        if (index >= boundaries.length) {
            current = boundaries.length - 1;
            return DONE;
        }
        current = index;
        return boundaries[current];
    }

    @Override
    public int preceding(int offset) {
        int at = Arrays.binarySearch(boundaries, offset);
        int index = (at >= 0 ? at : -at - 1) - 1;
        if (index < 0) {
            current = 0;
            return DONE;
        }
        current = index;
        return boundaries[current];
    }

    @Override
    public int current() {
        return boundaries[current];
    }
}
