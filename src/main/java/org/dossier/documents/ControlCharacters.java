package org.dossier.documents;

import java.util.OptionalInt;

/**
 * Characters a record's text must not carry, because they show nothing and still act: control
 * characters (C0 but tab, line feed and carriage return, DEL, C1), which pages, BibTeX and RIS
 * would pass on raw (a NUL or BEL ends up in a reference manager), and the bidi controls that
 * embed, override or isolate (U+202A–U+202E, U+2066–U+2069), which reverse whatever follows them
 * on the line when one is left open. The marks U+200E, U+200F and U+061C only weigh a neutral
 * character's direction and close nothing, so they stay.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether {@code c} is a control character other than tab, line feed and carriage return. */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /** Whether {@code c} opens or closes a bidi embedding, override or isolate. */
    public static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** Where the first control character of {@code text} is ({@link #isControl}), if it has one. */
    public static OptionalInt firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * What a form says of a field with a control character, if it has one. It is refused, not
     * dropped, so that the editor sees where it was (pasted from a PDF or a terminal, usually); tab
     * and line breaks are text.
     */
    public static java.util.Optional<String> refusal(String field, String text) {
        OptionalInt at = firstControl(text);
        if (at.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("The " + field + " has a control character, which shows nothing ("
                + described(text, at.getAsInt()) + "): delete it and save again.");
    }

    /**
     * Whether {@code text} shows nothing: only spaces of any kind (a no-break or an em space, pasted
     * from a word processor, which {@link String#isBlank} does not count) and characters that show
     * nothing (a zero-width space, a joiner, a bidi control). A field required to say something that
     * says only these is empty.
     */
    public static boolean showsNothing(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /**
     * {@code text} with each control character ({@link #isControl}) a space; {@code text} itself
     * when it has none. For what a reader typed and a page writes back into its box: a NUL or BEL
     * written into a page is a parse error.
     */
    public static String controlsAsSpaces(String text) {
        if (firstControl(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(isControl((char) c) ? ' ' : (char) c));
        return out.toString();
    }

    /**
     * What a reader typed, to be shown again (in its box, or quoted in a message): as typed, but
     * each control character a space and without bidi controls, which show nothing and still act.
     */
    public static String shownAsTyped(String text) {
        return controlsAsSpaces(withoutBidiControls(text));
    }

    /**
     * {@code text} with each control character and bidi control written as its code point
     * ("U+0000"), for a message that quotes what was sent: "stalin" followed by a NUL is not shown
     * as the key "stalin", and nothing in the message acts (as OAI-PMH's messages quote a
     * harvester's argument).
     */
    public static String named(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean acts = isControl(c) || isBidiControl(c);
            if (acts && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (acts) {
                out.append(String.format(java.util.Locale.ROOT, "U+%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code text} without its bidi controls; {@code text} itself when it has none. */
    public static String withoutBidiControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBidiControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Says where the control character is, for a message beside a field: its code and the number of
     * the character, counted as a reader counts them (from 1, a letter with an accent as one).
     */
    public static String described(String text, int index) {
        return String.format(java.util.Locale.ROOT, "U+%04X, at character %d", (int) text.charAt(index),
                text.codePointCount(0, index) + 1);
    }
}
