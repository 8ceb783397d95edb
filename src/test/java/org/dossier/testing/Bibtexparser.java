package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-bibtexparser (installed by bin/ensure-bibtexparser), an independent BibTeX reader
 * that counts braces as BibTeX does: the entries it reads from a .bib file, as JSON objects of their
 * fields.
 */
public final class Bibtexparser {

    private Bibtexparser() {
    }

    /**
     * The entries of {@code bib}, each field's text as written, braces and all; of every type (by
     * default bibtexparser drops a {@code @letter}, not one of BibTeX's standard types, in silence).
     */
    public static List<JsonNode> entries(String bib) throws Exception {
        return read(bib, "BibTexParser(common_strings=True, ignore_nonstandard_types=False)");
    }

    /**
     * The entries of {@code bib}, of every type, with each field's LaTeX read as Unicode text and its
     * protecting braces taken away (its {@code convert_to_unicode}): the text a reader of the file sees.
     */
    public static List<JsonNode> entriesAsText(String bib) throws Exception {
        return read(bib, "BibTexParser(common_strings=True, ignore_nonstandard_types=False,"
                + " customization=bibtexparser.customization.convert_to_unicode)");
    }

    private static List<JsonNode> read(String bib, String parser) throws Exception {
        String script = String.join("\n",
                "import sys, json, bibtexparser, bibtexparser.customization",
                "from bibtexparser.bparser import BibTexParser",
                "db = bibtexparser.loads(sys.stdin.read(), parser=" + parser + ")",
                "print(json.dumps(db.entries))");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(false).start();
        python.getOutputStream().write(bib.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), "bin/ensure-bibtexparser installs python3-bibtexparser: " + err);
        List<JsonNode> entries = new ArrayList<>();
        new ObjectMapper().readTree(out).forEach(entries::add);
        return entries;
    }
}
