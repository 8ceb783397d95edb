package org.dossier.documents;

/** The addresses of a record. {@code /documents/{id}} is the permanent one; the rest derive from it. */
public final class Permalinks {

    private Permalinks() {
    }

    /** The permanent address, the one to cite: it resolves as long as the catalogue exists. */
    public static String permanent(int id) {
        return "/documents/" + id;
    }

    /** Where the permanent address leads today: the id plus the current title's slug. */
    public static String canonical(int id, String slug) {
        return "/documents/" + id + "/" + slug;
    }

    /** The record exactly as it was at version {@code number}. */
    public static String version(int id, int number) {
        return "/documents/" + id + "/v/" + number;
    }

    public static String json(int id) {
        return "/documents/" + id + ".json";
    }
}
