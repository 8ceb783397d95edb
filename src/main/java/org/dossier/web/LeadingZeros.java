package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before every GET: a record's number or a version's number written with leading zeros
 * ({@code /documents/024/history}, {@code /documents/24/history/01}, {@code /documents/024.json},
 * {@code /people/stalin/history/01})
 * redirects (301) to the address without them, query kept. Without this each such page answered
 * 200 at a second address, which crawlers, link checkers and caches keep apart from the first.
 * Only those numbers: a slug is words of a title, which may be digits ("007") and is left as it is.
 */
public final class LeadingZeros {

    /** The record's number, and what follows it (a suffix such as .json, or a further path). */
    private static final Pattern RECORD = Pattern.compile("(/documents/)0+([0-9]+)([./].*)?");
    /** A version's number in a record's version address or history, or in a person's or place's history. */
    private static final Pattern VERSION = Pattern.compile(
            "(/(?:documents/[0-9]+/(?:v|history)|(?:people|places)/[^/]+/history)/)0+([0-9]+)(\\.[a-z.]+)?");

    private LeadingZeros() {
    }

    public static void redirect(Context ctx) {
        String path = ctx.path();
        if (ctx.method() != HandlerType.GET || !path.contains("/0")) {
            return;
        }
        String one = without(VERSION, without(RECORD, path));
        if (!one.equals(path)) {
            Redirects.permanent(ctx, one);
            ctx.skipRemainingHandlers();
        }
    }

    private static String without(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        return m.matches() ? m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) : path;
    }
}
