package org.dossier.importing;

/** Something in a seed page that stops it from being read, at 'file:line'. */
public record SeedProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
