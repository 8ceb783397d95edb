package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import java.util.regex.Pattern;

/** The style sheet, scripts and icons under {@code /static/}, served from the classpath: read, never written. */
public final class StaticFiles {

    /** Where they are served, and the classpath folder they are served from. */
    public static final String FOLDER = "/static";
    /** What a file's name under the folder can be: no escape, no {@code ..}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private StaticFiles() {
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
        String name = path.substring(FOLDER.length() + 1);
        if (NAME.matcher(name).matches() && StaticFiles.class.getResource(FOLDER + "/" + name) != null) {
            throw new MethodNotAllowedResponse("", Map.of("availableMethods", "GET"));
        }
    }
}
