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
 * is a Zotero item type ({@code letter}, {@code manuscript}), {@code rft.title}, the authors (see
 * {@link #author}), {@code rft.date}, {@code rft.language}, {@code rft.identifier} (an http(s)
 * address becomes the item's URL) and {@code rft.description}.
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
            author(pairs, author);
        }
        // parseContextObject puts rft.date in Zotero's Date field as it is, and Zotero reads that
        // field with strToDate: an approximate date in words it keeps ("circa 1962"), a span's
        // start, since it reads an interval's end as the words beside its start ("1961/1962" was
        // cited "1962 1961", "1962-03/1963-04" as a day 3 and "1963-04 1962"). None for an
        // undated record: COinS.js looks nowhere else for a date, and an empty one would be read
        // as a date.
        c.circaWords().or(() -> c.date().map(date -> date.start().iso()))
                .ifPresent(date -> pair(pairs, "rft.date", date));
        if (!c.languages().isEmpty()) {
            // parseContextObject keeps the last rft.language it reads: the main one alone.
            pair(pairs, "rft.language", c.languages().tags().get(0));
        }
        pair(pairs, "rft.identifier", c.url());
        if (!c.summary().isEmpty()) {
            pair(pairs, "rft.description", c.summaryText());
        }
        return String.join("&", pairs);
    }

    /**
     * An author as {@code rft.aulast}, and {@code rft.aufirst} when there are given names (with the
     * suffix after them, "John Paton, Jr.", as Zotero keeps one): parseContextObject takes both as
     * they are, in the author's place. An {@code rft.au} it splits at its first comma and drops
     * what comes after a second one, so an organisation named with a comma ("Central Committee,
     * CPSU") became "CPSU Central Committee" and "Davies, John Paton, Jr." lost its "Jr.";
     * {@code rft.aucorp} it puts first whatever its place, with no creator type.
     */
    private static void author(List<String> pairs, PersonLink author) {
        if (author.familyFirst()) {
            pair(pairs, "rft.aulast", author.name());
            return;
        }
        pair(pairs, "rft.aulast", author.family());
        if (!author.givenAndSuffix().isEmpty()) {
            pair(pairs, "rft.aufirst", author.givenAndSuffix());
        }
    }

    private static void pair(List<String> pairs, String key, String value) {
        pairs.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
