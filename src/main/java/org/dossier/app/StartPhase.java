package org.dossier.app;

/**
 * What a start of {@code serve} is doing before it serves, said in the one line a SIGTERM there
 * logs ({@link ServeCommand}): what was under way, what became of it, and where the next start
 * takes up. The process then ends without closing anything: each of these is left whole by a stop
 * at any moment (a migration and the seeds' import are one transaction each; the index keeps its
 * last commit, and a build from scratch is begun again). Once {@link #READY}, it is stopped as a
 * node that serves.
 */
enum StartPhase {

    DATABASE("while it opened its database: a migration under way was rolled back, and the next start applies it again"),
    SEEDS("during the first start's import of the seed pages: none of it was kept, and the next start imports "
            + "them again"),
    INDEX("while its search index opened: the index is as last committed, and the next start opens it from there "
            + "(an index being built from scratch is built again)"),
    /**
     * The index open and the port too, so that {@code /ready} may already say 200: what is left is
     * short, and a stop waits for it, then stops the node as one while serving does.
     */
    READY("as it finished starting: its search index is as last committed, and the next start opens it from there");

    /** Told by a start what it is doing, and when it opens its port before it serves. */
    interface Watch {

        /** Tells nothing. */
        Watch NONE = new Watch() {
            @Override
            public void phase(StartPhase now) {
            }

            @Override
            public void listening(DossierApp app) {
            }
        };

        void phase(StartPhase now);

        /**
         * {@code app} listens, while its start goes on (the seeds' import, the index's opening): a stop
         * from now on lets the requests it is answering finish ({@link DossierApp#stopTakingRequests}).
         */
        void listening(DossierApp app);
    }

    private final String interrupted;

    StartPhase(String interrupted) {
        this.interrupted = interrupted;
    }

    /** The log's line for a stop during this phase. */
    String stopped() {
        return "Stopped before it served, " + interrupted;
    }
}
