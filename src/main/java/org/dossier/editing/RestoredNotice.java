package org.dossier.editing;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * What a restore ends on, above the history it leads to: "Restored version 3 as version 7.", as an
 * edit ends on the record with "Saved — version 7." (it ended on the history with nothing said, and
 * the editor looked for the new version to see whether it had gone through). Carried in the address
 * the restore redirects to ({@code ?restored=3&as=7}), as the edit's {@code ?saved=7} is: no
 * JavaScript, no session. Said only while version {@code as} is still the newest, so that the
 * address kept in a tab or bookmark says nothing once a later version is saved.
 */
record RestoredNotice(int restored, int as) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    /** The address's parameters, named once for the redirect that writes them and the history that reads them. */
    private static final String RESTORED = "restored";
    private static final String AS = "as";

    RestoredNotice {
        if (restored < 1 || as <= restored) {
            throw new IllegalArgumentException("version " + restored + " cannot come back as version " + as);
        }
    }

    /** The history at {@code historyPath}, with the notice that version {@code restored} came back as {@code as}. */
    static String path(String historyPath, int restored, int as) {
        return historyPath + "?" + RESTORED + "=" + restored + "&" + AS + "=" + as;
    }

    /** The words of the notice the history of something now at version {@code current} shows, or null. */
    static String of(Context ctx, int current) {
        String restored = ctx.queryParam(RESTORED);
        String as = ctx.queryParam(AS);
        if (restored == null || as == null || !NUMBER.matcher(restored).matches() || !NUMBER.matcher(as).matches()
                || Integer.parseInt(as) != current || Integer.parseInt(restored) >= current) {
            return null;
        }
        return new RestoredNotice(Integer.parseInt(restored), current).words();
    }

    String words() {
        return "Restored version " + restored + " as version " + as + ".";
    }
}
