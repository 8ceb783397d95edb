package org.dossier.web;

import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before every request: a query string whose percent-escapes are broken ({@code ?q=abc%}, or
 * bytes that are not UTF-8) is a 400, never read as if the parameter were not there (which made
 * {@code /search?q=abc%} answer with the whole catalogue). The page offers the address with each
 * stray {@code %} written as {@code %25}, so what was typed is kept. An address that must answer in
 * a format of its own (OAI-PMH's XML errors) asks {@link #problem} itself instead.
 */
public final class QueryEscapes {

    private static final Pattern BROKEN = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern ESCAPES = Pattern.compile("(%[0-9A-Fa-f]{2})+");
    /**
     * What Jetty reads bytes of a query that are not UTF-8 as, when they come as they are rather than
     * percent-escaped (a Latin-1 {@code ?q=caf\u00e9} from an old client or a script): they were
     * searched for as U+FFFD, where the same bytes escaped ({@code %E9}) are a 400.
     */
    private static final char NOT_UTF8 = '\uFFFD';
    private static final String NOT_UTF8_BYTES = "bytes that are not UTF-8 text, sent as they are (not percent-escaped)";

    private QueryEscapes() {
    }

    public static void check(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        if (BROKEN.matcher(query).find()) {
            String fixed = ctx.path() + "?" + BROKEN.matcher(query).replaceAll("%25");
            throw new BadRequest("The address has a '%' that is not followed by two hexadecimal digits. "
                    + "To search for a '%' itself, it is written %25: " + fixed);
        }
        if (query.indexOf(NOT_UTF8) >= 0) {
            throw new BadRequest("The address has " + NOT_UTF8_BYTES + ". Type the search again.");
        }
        notUtf8(query).ifPresent(run -> {
            throw new BadRequest("The address has percent-escapes (" + run + ") that are not UTF-8 text. "
                    + "Type the search again.");
        });
    }

    /**
     * Before every form posted URL-encoded (but OAI-PMH's, which answers in XML): the same check of
     * its body. A broken escape made Jetty read the form as empty (everything typed gone, "write a
     * title"), and bytes that are not UTF-8 were saved as U+FFFD in the title: a 400, nothing changed.
     */
    public static void checkForm(Context ctx) {
        String type = ctx.contentType();
        if (ctx.method() != io.javalin.http.HandlerType.POST || type == null) {
            return;
        }
        String lowerType = type.toLowerCase(Locale.ROOT);
        if (lowerType.startsWith("application/x-www-form-urlencoded")) {
            // Bytes as they came, not escaped, are read in the charset the body names, UTF-8 unless it names another.
            String charset = ctx.req().getCharacterEncoding();
            if ((charset == null || charset.equalsIgnoreCase("utf-8")) && !utf8(ctx.bodyAsBytes())) {
                throw unreadableForm("bytes that are not UTF-8 text");
            }
            problem(ctx.body()).ifPresent(wrong -> {
                throw unreadableForm(wrong);
            });
        } else if (lowerType.startsWith("multipart/form-data")) {
            // Jetty reads every field of a multipart form as UTF-8, whatever a part says: Latin-1, or
            // bytes that are no text, were saved as U+FFFD, as they were from a URL-encoded form.
            try {
                for (Part part : ctx.req().getParts()) {
                    if (part.getSubmittedFileName() == null && !utf8(part.getInputStream().readAllBytes())) {
                        throw unreadableForm("a field ('" + QueryParams.shorten(part.getName()) + "') that is not UTF-8 text");
                    }
                }
            } catch (IOException | ServletException e) {
                throw new IllegalStateException(e); // a body that cannot be read: ErrorPages' 400
            }
        }
    }

    private static BadRequest unreadableForm(String wrong) {
        return new BadRequest("The form's body has " + wrong + ", which a browser does not send: nothing was "
                + "changed. Send the form again from its page.");
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * What is wrong with the escapes of form-encoded text (a query string, a form's body), in words
     * that fit after "The arguments have …"; empty if nothing is.
     */
    public static Optional<String> problem(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Optional.empty();
        }
        if (BROKEN.matcher(encoded).find()) {
            return Optional.of("a '%' that is not followed by two hexadecimal digits (a '%' itself is written %25)");
        }
        if (encoded.indexOf(NOT_UTF8) >= 0) {
            return Optional.of(NOT_UTF8_BYTES);
        }
        return notUtf8(encoded).map(run -> "percent-escapes (" + run + ") that are not UTF-8 text");
    }

    /** The first run of escapes that does not decode as UTF-8, shortened for a message. */
    private static Optional<String> notUtf8(String encoded) {
        Matcher escapes = ESCAPES.matcher(encoded);
        while (escapes.find()) {
            String run = escapes.group();
            byte[] bytes = new byte[run.length() / 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(run.substring(3 * i + 1, 3 * i + 3), 16);
            }
            if (!utf8(bytes)) {
                return Optional.of(QueryParams.shorten(run));
            }
        }
        return Optional.empty();
    }
}
