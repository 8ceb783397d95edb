package org.dossier.app;

import org.dossier.ops.Backups;

/**
 * How a backup or a restore says it changed nothing: "Nothing was backed up: " and why, on standard
 * error, and exit status 1. A refusal ({@link Backups.RefusedException}) is said in its own words;
 * any other failure (a file that cannot be read) as Java names it, its class included.
 *
 * @param done what was not done, as the line says it: "backed up", "restored"
 */
record NothingWas(String done) {

    NothingWas {
        if (done == null || done.isBlank()) {
            throw new IllegalArgumentException("say what was not done: \"backed up\", \"restored\"");
        }
    }

    /** Says why nothing was done; returns the command's exit status, 1. */
    int because(Exception why) {
        System.err.println("Nothing was " + done + ": " + (why instanceof Backups.RefusedException ? why.getMessage() : why));
        return 1;
    }
}
