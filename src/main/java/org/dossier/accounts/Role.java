package org.dossier.accounts;

import io.javalin.security.RouteRole;
import java.util.Locale;
import org.dossier.documents.Keyed;

/**
 * What an account may do: an editor corrects records; an admin also manages accounts. As a route's
 * role ({@link AccessControl#requireRoles}), who may reach it: {@code EDITOR} any signed-in account,
 * {@code ADMIN} admins only.
 */
public enum Role implements RouteRole, Keyed {
    EDITOR("editor"),
    ADMIN("admin");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    /** The form stored in the database and typed on the command line. */
    public String key() {
        return key;
    }

    public boolean managesAccounts() {
        return this == ADMIN;
    }

    /** The role named {@code key} ("editor", "admin"); a message fit to show when there is none. */
    public static Role fromKey(String key) {
        String wanted = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Keyed.byKey(values(), wanted)
                .orElseThrow(() -> new IllegalArgumentException("the role must be 'editor' or 'admin', not '" + key + "'"));
    }
}
