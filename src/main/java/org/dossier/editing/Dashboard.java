package org.dossier.editing;

import io.javalin.http.Context;
import java.util.Map;
import org.dossier.authorities.AuthorityRecords;

/**
 * {@code GET /admin}: where an editor starts: a new record, the accounts (for admins), the merges
 * still moving records, the latest changes, the withdrawn records to reinstate.
 */
public final class Dashboard {

    static final int RECENT = 25;
    static final int WITHDRAWN = 100;

    private final Revisions revisions;
    private final AuthorityRecords authorities;

    public Dashboard(Revisions revisions, AuthorityRecords authorities) {
        this.revisions = revisions;
        this.authorities = authorities;
    }

    public void show(Context ctx) {
        ctx.render("editing/dashboard", Map.of("recent", revisions.recent(RECENT),
                "withdrawn", revisions.withdrawn(WITHDRAWN), "underWay", authorities.underWay()));
    }
}
