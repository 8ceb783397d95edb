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

    @Test
    void aListSavedInWindows1252IsRefusedAtItsLineNeverGuessed() throws Exception {
        Path file = saved(LIST.getBytes(Charset.forName("windows-1252")));
        AuthorityFileException e = assertThrows(AuthorityFileException.class, () -> read(file));
        // Everything before the curly apostrophe is ASCII: one byte a character.
        assertEquals("people.csv:3: not UTF-8 text (byte " + (LIST.indexOf('\u2019') + 1) + "); save the list as UTF-8 "
                + "(in a spreadsheet: CSV UTF-8)", e.getMessage());
    }
}
