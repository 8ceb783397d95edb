package org.dossier.app;

import java.util.List;
import org.dossier.ops.Backups;

/**
 * How a command says it changed nothing: "Nothing was copied: " and why, on standard error, and the
 * exit status to return (1; 2 where the command's own words were wrong). Every command that refuses
 * or fails before anything is kept says it so, each with its own verb ("backed up", "restored",
 * "copied", "imported", "generated", "rebuilt", "linked").
 *
 * @param done what was not done, as the line says it: "backed up", "restored"
 */
record NothingWas(String done) {

    NothingWas {
        if (done == null || done.isBlank()) {
            throw new IllegalArgumentException("say what was not done: \"backed up\", \"restored\"");
        }
    }

    /** The line that says nothing was done, and {@code why}. */
    String line(String why) {
        return "Nothing was " + done + ": " + why;
    }

    /** Says why nothing was done; returns the command's exit status, 1. */
    int because(String why) {
        System.err.println(line(why));
        return 1;
    }

    /**
     * Says why nothing was done: a refusal ({@link Backups.RefusedException}) in its own words, any
     * other failure (a file that cannot be read) as Java names it, its class included; returns 1.
     */
    int because(Exception why) {
        return because(why instanceof Backups.RefusedException ? why.getMessage() : why.toString());
    }

    /** Says that nothing was done because an option was given a value it does not take; returns 2, a usage error's status. */
    int becauseOfAnOption(String why) {
        System.err.println(line(why));
        return 2;
    }

    /** Says that nothing was done, and each of {@code reasons} on a line of its own below, indented; returns 1. */
    int becauseOfEach(List<String> reasons) {
        System.err.println("Nothing was " + done + ":");
        reasons.forEach(reason -> System.err.println("  " + reason));
        return 1;
    }
}
