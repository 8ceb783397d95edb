package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search pages are kept for readers who are not signed in (see {@link KeptPages}): never shown to
 * anyone else, never older than the index, and each with the address it was asked by.
 */
class KeptSearchPagesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static Http reader;
    private static final Http editor = Editors.signedIn(catalogue, "keeper", Role.EDITOR);

    @BeforeAll
    static void start() {
        reader = catalogue.http().anotherVisitor();
    }

    private static String page(Http who, String path) {
        HttpResponse<String> page = who.get(path);
        assertEquals(200, page.statusCode(), path);
        return page.body();
    }

    /** A page as read, highlights and all. */
    private static String text(String html) {
        return Jsoup.parse(html).text();
    }

    @Test
    void aSignedInEditorNeverGetsAReadersKeptPageAndReadersNeverGetTheEditors() {
        String readers = page(reader, "/search?q=stalin");
        assertEquals(readers, page(reader, "/search?q=stalin"), "the same page again, from what was kept");
        assertFalse(readers.contains("Sign out"));

        String editors = page(editor, "/search?q=stalin");
        assertTrue(editors.contains("Sign out") && editors.contains("keeper"), "the editor's own page");

        page(editor, "/search?q=molotov");
        String afterTheEditor = page(reader, "/search?q=molotov");
        assertFalse(afterTheEditor.contains("Sign out") || afterTheEditor.contains("keeper"),
                "nothing of the editor's page reaches a reader");
    }

    @Test
    void aCorrectionIsOnTheKeptPageAsSoonAsTheIndexHasIt() throws Exception {
        String search = "/search?q=soong";
        assertTrue(text(page(reader, search)).contains("Record of a Meeting Between T.V. Soong and Stalin"));
        page(reader, search); // kept now

        int id = catalogue.recordTitled("Record of a Meeting Between T.V. Soong and Stalin");
        FormFields form = FormFields.of(page(editor, "/admin/documents/" + id + "/edit"), "form.record-form");
        HttpResponse<String> saved = editor.post("/admin/documents/" + id + "/edit", form
                .set("title", "Record of a Meeting Between T.V. Soong and Stalin in Moscow")
                .set("note", "Where they met").entries());
        assertEquals(303, saved.statusCode(), saved.body());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!text(page(reader, search)).contains("T.V. Soong and Stalin in Moscow")) {
            assertTrue(System.nanoTime() < deadline, "the kept page outlived the index it was rendered from");
            Thread.sleep(50);
        }
    }

    @Test
    void aKeptPageGoesToABrowserGzippedAsItWasFirstSentAndToAClientWithoutGzipAsThePageItself() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder asked = HttpRequest.newBuilder(URI.create(catalogue.http().url("/search?q=korea&type=letter")));
        HttpRequest browsers = asked.copy().header("Accept-Encoding", "gzip, deflate, br, zstd").build();
        HttpResponse<byte[]> rendered = client.send(browsers, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> kept = client.send(browsers, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> plain = client.send(asked.build(), HttpResponse.BodyHandlers.ofString());
        String type = plain.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.replace(" ", "").equals("text/html;charset=utf-8"), type);
        for (HttpResponse<?> page : List.of(rendered, kept, plain)) {
            assertEquals(200, page.statusCode());
            assertEquals(type, page.headers().firstValue("Content-Type").orElse(""), "the type of a page Javalin compresses");
        }
        assertEquals("gzip", rendered.headers().firstValue("Content-Encoding").orElse(""), "the page as rendered");
        assertEquals("gzip", kept.headers().firstValue("Content-Encoding").orElse(""), "the page as kept");
        assertArrayEquals(rendered.body(), kept.body(), "the kept page's bytes are those first sent");
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"));
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(kept.body()))) {
            String page = new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(plain.body(), page, "a client without gzip gets the page the browser unzips");
            assertTrue(text(page).contains("Records matching your search"), page);
        }
    }

    @Test
    void eachAddressOfTheSameSearchKeepsItsOwnCanonicalLink() {
        for (String path : new String[] {"/search?q=stalin&type=letter", "/search?type=letter&q=stalin",
                "/search?q=stalin&type=letter"}) {
            String canonical = Jsoup.parse(page(reader, path)).selectFirst("link[rel=canonical]").attr("href");
            assertTrue(canonical.endsWith(path), canonical + " for " + path);
        }
    }
}
