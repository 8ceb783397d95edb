package org.dossier.editing;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unbescape.html.HtmlEscape;

/**
 * A word-level diff of two texts, as a reader wants to see a correction: "<del>Concentering</del>
 * <ins>Concerning</ins> the Situation". Words, runs of spaces and single punctuation marks are
 * compared (by java-diff-utils' Myers diff); changes separated only by spaces are shown as one.
 */
public final class WordDiff {

    public enum Kind { SAME, DELETED, INSERTED }

    /** A stretch of text that is the same in both, or only in the earlier, or only in the later. */
    public record Part(Kind kind, String text) {
    }

    /**
     * A word keeps its combining marks (Hebrew and Arabic vowel points, Devanagari vowel signs), so
     * that a changed point shows as its whole word changed, never as a mark cut from its letter;
     * in Chinese and Japanese, which put no space between words, each character is a word, so
     * that a changed character is not the whole sentence changed.
     */
    private static final String SPACELESS = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}";
    private static final String LETTER = "[\\p{L}\\p{N}&&[^" + SPACELESS + "]]";
    private static final String LETTER_OR_MARK = "[\\p{L}\\p{M}\\p{N}&&[^" + SPACELESS + "]]";
    private static final Pattern TOKEN = Pattern.compile("[" + SPACELESS + "]\\p{M}*"
            + "|" + LETTER + LETTER_OR_MARK + "*(?:['\u2019]" + LETTER + LETTER_OR_MARK + "*)*"
            + "|\\s+|[^\\p{L}\\p{N}\\s]\\p{M}*");

    private WordDiff() {
    }

    public static List<Part> between(String before, String after) {
        List<String> a = words(before);
        List<String> b = words(after);
        List<Part> raw = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            int start = delta.getSource().getPosition();
            a.subList(position, start).forEach(w -> raw.add(new Part(Kind.SAME, w)));
            delta.getSource().getLines().forEach(w -> raw.add(new Part(Kind.DELETED, w)));
            delta.getTarget().getLines().forEach(w -> raw.add(new Part(Kind.INSERTED, w)));
            position = start + delta.getSource().size();
        }
        a.subList(position, a.size()).forEach(w -> raw.add(new Part(Kind.SAME, w)));
        return grouped(raw);
    }

    /** The parts as HTML: every character of the texts escaped, changes in {@code <del>} and {@code <ins>}. */
    public static String html(List<Part> parts) {
        return html(parts, part -> null);
    }

    /**
     * The same, each part marked with the language {@code lang} says its text is written in (null:
     * the page's English), so that a screen reader reads a Russian title's words with a Russian voice
     * in the diff as it does on the record's page.
     */
    public static String html(List<Part> parts, java.util.function.Function<Part, String> lang) {
        StringBuilder html = new StringBuilder();
        for (Part part : parts) {
            String tag = lang.apply(part);
            String attribute = tag == null ? "" : " lang=\"" + escape(tag) + "\"";
            String text = escape(part.text());
            switch (part.kind()) {
                case SAME -> html.append(tag == null ? text : "<span" + attribute + ">" + text + "</span>");
                case DELETED -> html.append("<del").append(attribute).append(">").append(text).append("</del>");
                case INSERTED -> html.append("<ins").append(attribute).append(">").append(text).append("</ins>");
            }
        }
        return html.toString();
    }

    public static boolean changed(List<Part> parts) {
        return parts.stream().anyMatch(p -> p.kind() != Kind.SAME);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /**
     * Joins neighbouring parts of a kind, and lets a change swallow what little is left the same
     * between it and the next change (spaces, a short word such as "the" or "to"), so that a
     * rewritten phrase reads as one deletion and one insertion rather than as confetti.
     */
    private static List<Part> grouped(List<Part> raw) {
        List<Part> out = new ArrayList<>();
        StringBuilder same = new StringBuilder();
        StringBuilder deleted = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
        for (int i = 0; i < raw.size(); i++) {
            Part part = raw.get(i);
            boolean inChange = deleted.length() > 0 || inserted.length() > 0;
            int sameEnd = endOfSame(raw, i);
            if (part.kind() == Kind.SAME && inChange && sameEnd < raw.size() && isSlight(raw.subList(i, sameEnd))) {
                raw.subList(i, sameEnd).forEach(p -> {
                    deleted.append(p.text());
                    inserted.append(p.text());
                });
                i = sameEnd - 1;
            } else if (part.kind() == Kind.SAME) {
                flushChange(out, deleted, inserted);
                same.append(part.text());
            } else {
                flushSame(out, same);
                (part.kind() == Kind.DELETED ? deleted : inserted).append(part.text());
            }
        }
        flushSame(out, same);
        flushChange(out, deleted, inserted);
        return out;
    }

    private static int endOfSame(List<Part> raw, int from) {
        int end = from;
        while (end < raw.size() && raw.get(end).kind() == Kind.SAME) {
            end++;
        }
        return end;
    }

    /** Too little to read as kept between two changes: at most three letters or marks besides spaces. */
    private static boolean isSlight(List<Part> same) {
        int visible = 0;
        for (Part p : same) {
            visible += p.text().strip().length();
        }
        return visible <= 3;
    }

    private static void flushSame(List<Part> out, StringBuilder same) {
        if (same.length() > 0) {
            out.add(new Part(Kind.SAME, same.toString()));
            same.setLength(0);
        }
    }

    private static void flushChange(List<Part> out, StringBuilder deleted, StringBuilder inserted) {
        if (deleted.length() > 0) {
            out.add(new Part(Kind.DELETED, deleted.toString()));
            deleted.setLength(0);
        }
        if (inserted.length() > 0) {
            out.add(new Part(Kind.INSERTED, inserted.toString()));
            inserted.setLength(0);
        }
    }

    static String escape(String text) {
        return HtmlEscape.escapeHtml4Xml(text);
    }

}
