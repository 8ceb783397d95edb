package org.dossier.authorities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An authority list as spreadsheets save it: with a byte order mark, or in Windows-1252. */
@SameOnEveryDatabase
class AuthorityFilesTest {

    private static final String LIST = "key,kind,name,sort_as,note\r\n"
            + "molotov,preferred,Vyacheslav Molotov,\"Molotov, Vyacheslav\",\r\n"
            + "molotov,variant,Molotov\u2019s office,,\r\n"
            + "cafe,preferred,Caf\u00e9 du Commerce,,\r\n";

    @TempDir
    Path folder;

    private Path saved(byte[] bytes) throws Exception {
        return Files.write(folder.resolve(AuthorityFiles.PEOPLE), bytes);
    }

    private Map<String, List<AuthorityForm>> read(Path file) throws Exception {
        return AuthorityFiles.read(file, AuthorityFiles.PERSON_KINDS, "preferred");
    }

    @Test
    void aListSavedWithAByteOrderMarkReadsAsOneWithout() throws Exception {
        byte[] text = LIST.getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[text.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(text, 0, marked, 3, text.length);
        Map<String, List<AuthorityForm>> withMark = read(saved(marked));
        assertEquals(List.of("molotov", "cafe"), List.copyOf(withMark.keySet()));
        assertEquals("Molotov\u2019s office", withMark.get("molotov").get(1).name());
        assertEquals(read(saved(text)).toString(), withMark.toString());
    }

    /** The rule the edit form keeps ("???" is no one a search finds or a reader tells apart), at the row's line. */
    @Test
    void aNameWithNoLetterOrDigitIsRefusedAtItsLine() throws Exception {
        Path file = saved((LIST + "unknown,preferred,???,,\r\n").getBytes(StandardCharsets.UTF_8));
        AuthorityFileException e = assertThrows(AuthorityFileException.class, () -> read(file));
        assertEquals("people.csv:5: '???' has no letter or digit; write what is known, such as 'Unidentified correspondent'",
                e.getMessage());
        Path variant = saved((LIST + "cafe,variant,-,,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThrows(AuthorityFileException.class, () -> read(variant), "a form of a name too");
        assertEquals("\u6bdb\u6cfd\u4e1c", read(saved((LIST + "mao,preferred,\u6bdb\u6cfd\u4e1c,,\r\n")
                .getBytes(StandardCharsets.UTF_8))).get("mao").get(0).name(), "letters of any script");
    }

    @Test
    void aListSavedInWindows1252IsRefusedAtItsLineNeverGuessed() throws Exception {
        Path file = saved(LIST.getBytes(Charset.forName("windows-1252")));
        AuthorityFileException e = assertThrows(AuthorityFileException.class, () -> read(file));
        // Everything before the curly apostrophe is ASCII: one byte a character.
        assertEquals("people.csv:3: not UTF-8 text (byte " + (LIST.indexOf('\u2019') + 1) + "); save the list as UTF-8 "
                + "(in a spreadsheet: CSV UTF-8)", e.getMessage());
    }
}
