package org.dossier.harvest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a harvest stopped: the list's arguments and the last (datestamp, id) sent. The next page
 * starts after that key, so records that change during a harvest move to its end instead of
 * shifting the pages, and none is skipped; the token holds no state on the server and never
 * expires.
 *
 * @param set empty when the harvest is not selective by set; so are from and until
 * @param cursor how many records the earlier pages held
 * @param listSize how many records the list held when its first page was sent: counting again for
 *     every page would cost a scan of the list each time, and the protocol asks only an estimate;
 *     {@link #UNCOUNTED} in a token of the previous release, which did not carry it
 */
record ResumptionToken(String metadataPrefix, String set, String from, String until, String lastDatestamp,
                       int lastId, long cursor, long listSize) {

    private static final String VERSION = "2";
    /**
     * The previous release's format, the same less the list's size. Its pages came in the same
     * order (datestamp, then id), so a harvest begun before an upgrade carries on where it was.
     */
    private static final String PREVIOUS = "1";
    static final long UNCOUNTED = 0;
    private static final String SEPARATOR = "|";

    String encode() {
        String plain = String.join(SEPARATOR, VERSION, metadataPrefix, set, from, until, lastDatestamp,
                String.valueOf(lastId), String.valueOf(cursor), String.valueOf(listSize));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static ResumptionToken decode(String token) throws OaiError {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            boolean previous = parts.length == 8 && parts[0].equals(PREVIOUS);
            if (!previous && (parts.length != 9 || !parts[0].equals(VERSION))) {
                throw invalid(token);
            }
            ResumptionToken decoded = new ResumptionToken(parts[1], parts[2], parts[3], parts[4], parts[5],
                    Integer.parseInt(parts[6]), Long.parseLong(parts[7]), previous ? UNCOUNTED : Long.parseLong(parts[8]));
            decoded.check();
            return decoded;
        } catch (IllegalArgumentException | OaiError e) {
            throw invalid(token);
        }
    }

    /**
     * The token's arguments are what a first request that got a page could have had: the one format
     * this repository disseminates, a range that ends no earlier than it starts. A token that says
     * otherwise was not issued here, and is answered as such (badResumptionToken), not as a request
     * in a format it cannot give or for no records.
     */
    private void check() throws OaiError {
        if (!metadataPrefix.equals(OaiPmh.OAI_DC)
                || !set.isEmpty() && !OaiRequest.SET_SPEC.matcher(set).matches()
                || lastId < 1 || cursor < 1 || listSize != UNCOUNTED && listSize < cursor) {
            throw invalid("");
        }
        OaiDate start = from.isEmpty() ? null : OaiDate.parse("from", from);
        OaiDate end = until.isEmpty() ? null : OaiDate.parse("until", until);
        if (start != null && end != null && (start.start().isAfter(end.end()) || start.dayOnly() != end.dayOnly())) {
            throw invalid("");
        }
        // A datestamp, to the second as every one this repository sends: a day is no place in a list.
        if (OaiDate.parse("datestamp", lastDatestamp).dayOnly()) {
            throw invalid("");
        }
    }

    /** This token with the list's size, for one of the previous release counted now. */
    ResumptionToken counted(long size) {
        return new ResumptionToken(metadataPrefix, set, from, until, lastDatestamp, lastId, cursor, Math.max(size, cursor));
    }

    private static OaiError invalid(String token) {
        return OaiError.badResumptionToken("The resumption token '" + token + "' is not one this repository issued.");
    }
}
