package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.Permalinks;

/**
 * Before every GET: a record's address as a reader brings it back from a footnote or a reference
 * list redirects (301) to the address itself, query kept. Every citation style ends its sentence
 * right after the address ("…/documents/24/v/1." in Chicago, "…/v/1. Accessed" in MLA), and older
 * ones wrap it ("&lt;…/documents/24&gt;", "(…)"): a PDF viewer or a mail program that takes the
 * closing punctuation into the link, or a reader who copies it, asked for
 * {@code /documents/24/v/1.} and got a 404. No address under {@code /documents/} ends in
 * punctuation, so what closes it is dropped, percent-encoded or not. Nor does one hold a space or
 * an invisible character: a typesetter's break opportunity (zero-width space, soft hyphen, word
 * joiner) or the space a line break becomes when an address broken over two lines is copied
 * ({@code /documents/24/v/%201}) is dropped too. A download's suffix typed in capitals
 * ({@code /documents/24.BIB}) is written in small letters, as a record's other spellings are (see
 * {@link LeadingZeros}).
 */
public final class FootnoteAddresses {

    /**
     * Punctuation that closes a sentence, a bracket or a quotation, as written or percent-encoded
     * (hex in either case): taken off the end one at a time, not by a repeated regular expression,
     * which backtracks over a long run of them and overflows the stack past a few thousand.
     */
    private static final List<String> CLOSING = List.of(".", ",", ";", ":", "!", ")", "]", "}", ">", "'", "\"",
            "%21", "%22", "%27", "%29", "%2c", "%2e", "%3a", "%3b", "%3e", "%5d", "%7d",
            "%e2%80%98", "%e2%80%99", "%e2%80%9c", "%e2%80%9d", "%c2%bb", "\u2019", "\u201D", "\u00BB");
    /**
     * Spaces (a no-break space too), line breaks and the invisible characters a typeset address may
     * hold, as written or percent-encoded: a program that reads an address broken over two lines of
     * a PDF asks for it with the break escaped ({@code %0A}), which was a 404 where {@code %20} was not.
     */
    private static final Pattern INVISIBLE = Pattern.compile(
            "(?:%20|%09|%0[aAdD]|%[cC]2%[aA]0|%[cC]2%[aA][dD]|%[eE]2%80%8[bBcCdD]|%[eE]2%81%[aA]0|%[eE][fF]%[bB][bB]%[bB][fF]|[\\s\u00AD\u200B-\u200D\u2060\uFEFF])");
    /** A record's or a version's download, its suffix in any case. */
    private static final Pattern DOWNLOAD = Pattern.compile(
            "(/documents/[0-9]+(?:/v/[0-9]+)?)" + Permalinks.suffixPattern(), Pattern.CASE_INSENSITIVE);

    private FootnoteAddresses() {
    }

    public static void redirect(Context ctx) {
        String path = ctx.path();
        if (ctx.method() != HandlerType.GET || !path.startsWith("/documents/")) {
            return;
        }
        String one = lowerCaseSuffix(withoutClosing(INVISIBLE.matcher(path).replaceAll("")));
        if (!one.equals(path) && one.length() > "/documents/".length()) {
            Redirects.permanent(ctx, one);
            ctx.skipRemainingHandlers();
        }
    }

    /** {@code path} without the closing punctuation it ends in. */
    static String withoutClosing(String path) {
        int end = path.length();
        boolean more = true;
        while (more) {
            more = false;
            for (String closing : CLOSING) {
                int start = end - closing.length();
                if (start >= 0 && path.regionMatches(true, start, closing, 0, closing.length())) {
                    end = start;
                    more = true;
                    break;
                }
            }
        }
        return path.substring(0, end);
    }

    private static String lowerCaseSuffix(String path) {
        Matcher m = DOWNLOAD.matcher(path);
        return m.matches() ? m.group(1) + m.group(2).toLowerCase(Locale.ROOT) : path;
    }
}
