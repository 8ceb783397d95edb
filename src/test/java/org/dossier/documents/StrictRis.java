package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of RIS, as the format's specification has it: lines end in CR LF; each is a tag
 * of two capitals or a capital and a digit, two spaces, a hyphen and a space, then the value on the
 * same line; every reference opens with {@code TY} and closes with {@code ER}, and uses only tags
 * the specification defines. citeproc-java's reader forgives more than this.
 */
final class StrictRis {

    private static final Pattern LINE = Pattern.compile("([A-Z][A-Z0-9])  - (.*)");
    private static final Set<String> TAGS = Set.of("TY", "ER", "AU", "A1", "A2", "A3", "A4", "TI", "T2", "M3", "DA",
            "PY", "DB", "UR", "Y2", "AB", "KW", "N1", "DP", "AN", "CN", "LA");

    private StrictRis() {
    }

    /** Fails unless every line of {@code ris} is well formed; returns the number of references. */
    static int check(String ris) {
        assertTrue(ris.endsWith("\r\n"), "the file ends with CR LF");
        String[] lines = ris.split("\r\n", -1);
        int references = 0;
        boolean open = false;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isEmpty() && !open) {
                continue;
            }
            assertTrue(!line.contains("\n") && !line.contains("\r"), "line " + (i + 1) + " has a bare line break");
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches() || line.equals("ER  - "), "line " + (i + 1) + " is not a tag line: " + line);
            String tag = line.substring(0, 2);
            assertTrue(TAGS.contains(tag), "line " + (i + 1) + ": " + tag + " is not a RIS tag");
            if (tag.equals("TY")) {
                assertTrue(!open, "line " + (i + 1) + ": TY before the previous reference's ER");
                open = true;
            } else if (tag.equals("ER")) {
                assertTrue(open, "line " + (i + 1) + ": ER with no TY");
                open = false;
                references++;
            } else {
                assertTrue(open, "line " + (i + 1) + ": a tag outside a reference");
                assertTrue(!m.group(2).isBlank(), "line " + (i + 1) + ": " + tag + " has no value");
            }
        }
        assertEquals(false, open, "the last reference is closed with ER");
        return references;
    }
}
