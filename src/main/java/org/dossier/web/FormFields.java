package org.dossier.web;

import io.javalin.http.Context;

/** Reading what a person typed into a form. */
public final class FormFields {

    private FormFields() {
    }

    /**
     * Text typed into a field, never null (a field left out of the post is empty), with a browser's
     * line breaks ({@code \r\n}) as the one {@code \n} the rest of the catalogue writes.
     */
    public static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.replace("\r\n", "\n");
    }
}
