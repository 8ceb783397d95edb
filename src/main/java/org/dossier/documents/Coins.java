package org.dossier.documents;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A record as a COinS ContextObject (OpenURL 1.0, key/encoded-value form, Dublin Core format), the
 * {@code title} of an empty {@code <span class="Z3988">}: Zotero's COinS translator offers every
 * such span of a page as an item to pick. What it reads (zotero/translators, COinS.js and
 * parseContextObject): {@code rft_val_fmt=info:ofi/fmt:kev:mtx:dc}, then {@code rft.type} when it
 * is a Zotero item type ({@code letter}, {@code manuscript}), {@code rft.title}, {@code rft.au}
 * ({@link PersonLink#lastFirst}: "Stalin, Joseph", "Mao Zedong,"), {@code rft.date},
 * {@code rft.identifier} (an http(s) address becomes the item's URL) and {@code rft.description}.
 */
public final class Coins {

    private Coins() {
    }

    public static String of(Citation c) {
        List<String> pairs = new ArrayList<>();
        pair(pairs, "ctx_ver", "Z39.88-2004");
        pair(pairs, "rft_val_fmt", "info:ofi/fmt:kev:mtx:dc");
        pair(pairs, "rfr_id", "info:sid/dossier");
        pair(pairs, "rft.type", c.zoteroType());
        pair(pairs, "rft.title", c.title());
        for (PersonLink author : c.authors()) {
            // rft.aucorp would come first whatever its place, with no creator type: an organisation
            // is an rft.au that the comma ending it keeps whole, as "Mao Zedong," is.
            pair(pairs, "rft.au", author.lastFirst());
        }
        pair(pairs, "rft.date", c.date().iso());
        pair(pairs, "rft.identifier", c.url());
        if (!c.summary().isEmpty()) {
            pair(pairs, "rft.description", c.summaryText());
        }
        return String.join("&", pairs);
    }

    private static void pair(List<String> pairs, String key, String value) {
        pairs.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
