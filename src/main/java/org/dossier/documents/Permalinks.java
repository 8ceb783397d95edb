package org.dossier.documents;

/**
 * The addresses of a record. {@code /documents/{id}} is the permanent one; the rest derive from it,
 * the editors' under {@code /admin/documents/{id}}.
 */
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

    /** Every version of the record, newest first, with who saved it, when and why. */
    public static String history(int id) {
        return "/documents/" + id + "/history";
    }

    /** Version {@code number} in the record's history, with its word-level diff against the one before. */
    public static String history(int id, int number) {
        return history(id) + "/" + number;
    }

    public static String edit(int id) {
        return "/admin/documents/" + id + "/edit";
    }

    /** The withdraw form, which for a withdrawn record is the reinstate form. */
    public static String withdraw(int id) {
        return "/admin/documents/" + id + "/withdraw";
    }

    public static String reinstate(int id) {
        return "/admin/documents/" + id + "/reinstate";
    }

    /** Where an earlier version is posted to become the current one again. */
    public static String restore(int id) {
        return "/admin/documents/" + id + "/restore";
    }
}
