package org.dossier.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The style sheet, scripts and icons under {@code /static/}, served from the classpath: read, never written. */
public final class StaticFiles {

    /** Where they are served, and the classpath folder they are served from. */
    public static final String FOLDER = "/static";
    /** What a file's name under the folder can be: no escape, no {@code ..}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** The files pages link to. */
    private static final List<String> LINKED = List.of("dossier.css", "dossier.js", "suggest.js", "suggest.css", "cite.js",
            "favicon.svg");
    /** What a page links to for each of them: its address with a digest of its bytes, {@code ?v=…}. */
    public static final Map<String, String> URLS = LINKED.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), name -> FOLDER + "/" + name + "?v=" + digest(name)));
    /** For a fingerprinted address: its bytes never change, so a browser keeps it a year without asking. */
    static final String FOREVER = "public, max-age=31536000, immutable";
    /** For any other (an old page's link, a hand-typed address): kept, and asked again each time (a 304). */
    static final String ASK_EACH_TIME = "public, no-cache";

    private StaticFiles() {
    }

    /** Serves the folder from the classpath, at its own name. */
    public static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = FOLDER;
            files.directory = FOLDER;
            files.location = Location.CLASSPATH;
            // Cache-Control is decided per address (cacheHeaders).
            files.headers = Map.of();
        });
    }

    /**
     * Before every request for a file: a page links to each file by an address that names its bytes
     * ({@link #URLS}); such an address gets the same bytes for ever, so the browser keeps the file a
     * year and does not ask again on the next page (it asked at every page after an hour, a round
     * trip each on a phone's slow connection). A new build with a changed file links to a new
     * address. Any other address of a file (no {@code v}, or an old one) is validated each time.
     */
    public static void cacheHeaders(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith(FOLDER + "/")) {
            return;
        }
        String name = path.substring(FOLDER.length() + 1);
        if (!isFile(name)) {
            return;   // a 404 page, which says nothing of caching
        }
        String linked = URLS.get(name);
        boolean fingerprinted = linked != null && linked.equals(path + "?" + ctx.queryString());
        ctx.header("Cache-Control", fingerprinted ? FOREVER : ASK_EACH_TIME);
    }

    private static String digest(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + FOLDER + "/" + name + " on the classpath");
            }
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(sha, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Before every request: a method other than GET or HEAD at a file that is there is the 405 every
     * address gives a method it does not take, with {@code Allow} ({@link ErrorPages}). The static
     * files have no route for Javalin to name, so a PUT or DELETE was a 403 saying the form carried no
     * security token (the CSRF check takes every such method for a form) or, with a token, a 404
     * saying there is no page at {@code /static/dossier.css}; an {@code OPTIONS} was that 404 too.
     */
    public static void onlyRead(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith(FOLDER + "/") || ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        if (isFile(path.substring(FOLDER.length() + 1))) {
            throw new MethodNotAllowedResponse("", Map.of("availableMethods", "GET"));
        }
    }

    private static boolean isFile(String name) {
        return NAME.matcher(name).matches() && StaticFiles.class.getResource(FOLDER + "/" + name) != null;
    }
}
