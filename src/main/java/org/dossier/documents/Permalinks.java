package org.dossier.documents;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The addresses of a record. {@code /documents/{id}} is the permanent one; the rest derive from it,
 * the editors' under {@code /admin/documents/{id}}.
 */
public final class Permalinks {

    /**
     * The suffixes a record and each of its versions are given as at their own address
     * ({@code /documents/24.bib}, {@code /documents/24/v/3.json}): the JSON twin, then the citation
     * downloads. The one list: the addresses that answer them, the message naming them and the
     * redirect of one typed in capitals all read it.
     */
    public static final List<String> SUFFIXES = Stream.concat(Stream.of(".json"),
            CiteBox.DOWNLOADS.stream().map(format -> "." + format.extension())).toList();

    private Permalinks() {
    }

    /**
     * {@link #SUFFIXES} as a group of a regular expression, to match at the end of an address:
     * each whole, so ".csl.json" is never taken for ".json".
     */
    public static String suffixPattern() {
        return SUFFIXES.stream().map(Pattern::quote).collect(Collectors.joining("|", "(", ")"));
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
