package org.dossier.documents;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.dossier.web.ConditionalGet;

/**
 * The pages of what a record was: each of its versions ({@link VersionPage}) and its history
 * ({@code editing.HistoryPage}). A withdrawn record's answer 410 and are still rendered, for
 * everyone: a citation of one of its versions can be checked, and what changed when. Otherwise they
 * are validated as every reader's page is. Why one place: the version page and the history said it
 * each in its own lines, three times.
 */
public final class PastPages {

    private final ConditionalGet conditional;

    public PastPages(ConditionalGet conditional) {
        this.conditional = conditional;
    }

    /**
     * Whether the request is answered already (a 304): never for a withdrawn record's page, which is
     * given the status 410 and then rendered by the caller, as any page the client does not have.
     *
     * @param page what the page shows beyond the catalogue's position, as {@link ConditionalGet#answered} takes it
     */
    public boolean answered(Context ctx, DocumentDetails record, Object... page) {
        if (record.withdrawn()) {
            ctx.status(HttpStatus.GONE);
            return false;
        }
        return conditional.answered(ctx, page);
    }
}
