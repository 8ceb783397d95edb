package org.dossier.web;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An HTML page gzipped once, as the site's compression gzips a page for a reader's browser, and
 * sent as it is to every reader whose browser takes gzip. Why: a search page kept from before
 * ({@code KeptPages}) was inflated, encoded as UTF-8 again and gzipped again for each reader, some
 * 75,000 characters each time, to the same bytes; now those bytes are what is kept. The bytes are
 * Javalin's own: the same level ({@link #LEVEL}, which the app gives Javalin), the same stream
 * ({@link GZIPOutputStream}), and a page shorter than {@link #SHORTEST} goes out uncompressed, as
 * Javalin leaves such a page.
 */
public final class GzippedPage {

    /** The gzip level of every compressed answer: nginx's default, a search page in 0.15 ms (BENCHMARKS.md, "Compression"). */
    public static final int LEVEL = 1;
    /** The shortest answer compressed, in bytes: Javalin's own default (a packet), given to it by the app too. */
    public static final int SHORTEST = 1500;

    private final byte[] gzip;
    private final int length;

    private GzippedPage(byte[] gzip, int length) {
        this.gzip = gzip;
        this.length = length;
    }

    /** The page gzipped, as Javalin's compression gzips it. */
    public static GzippedPage of(String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (OutputStream gzip = new LeveledGzip(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a page could not be gzipped in memory", e);
        }
        return new GzippedPage(out.toByteArray(), bytes.length);
    }

    /** What the page weighs kept, in bytes. */
    public int weight() {
        return gzip.length;
    }

    /** The page's text again. */
    public String html() {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a gzipped page's bytes are not what was gzipped", e);
        }
    }

    /**
     * Sends the page as the body: its gzip bytes as they are to a reader whose browser takes gzip
     * ({@link HttpHygiene} has read its {@code Accept-Encoding}), and Javalin leaves a body that
     * names its encoding as it is; else its text, which Javalin sends as it sends any other page.
     */
    public void send(Context ctx) {
        if (length >= SHORTEST && AcceptEncoding.acceptsGzip(ctx.header(Header.ACCEPT_ENCODING))) {
            ctx.contentType(ContentType.TEXT_HTML);
            ctx.header(Header.CONTENT_ENCODING, "gzip");
            ctx.result(gzip);
        } else {
            ctx.html(html());
        }
    }

    /** Javalin's gzip stream ({@code LeveledGzipStream}): the JDK's, its level set before any byte is written. */
    private static final class LeveledGzip extends GZIPOutputStream {

        LeveledGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(LEVEL);
        }
    }
}
