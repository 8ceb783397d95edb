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
 *     every page would cost a scan of the list each time, and the protocol asks only an estimate
 */
record ResumptionToken(String metadataPrefix, String set, String from, String until, String lastDatestamp,
                       int lastId, long cursor, long listSize) {

    private static final String VERSION = "2";
    private static final String SEPARATOR = "|";

    String encode() {
        String plain = String.join(SEPARATOR, VERSION, metadataPrefix, set, from, until, lastDatestamp,
                String.valueOf(lastId), String.valueOf(cursor), String.valueOf(listSize));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static ResumptionToken decode(String token) throws OaiError {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 9 || !parts[0].equals(VERSION)) {
                throw invalid(token);
            }
            ResumptionToken decoded = new ResumptionToken(parts[1], parts[2], parts[3], parts[4], parts[5],
                    Integer.parseInt(parts[6]), Long.parseLong(parts[7]), Long.parseLong(parts[8]));
            decoded.check();
            return decoded;
        } catch (IllegalArgumentException | OaiError e) {
            throw invalid(token);
        }
    }

    /** The token's arguments obey the same rules as a first request's. */
    private void check() throws OaiError {
        if (!OaiRequest.PREFIX.matcher(metadataPrefix).matches()
                || !set.isEmpty() && !OaiRequest.SET_SPEC.matcher(set).matches()
                || lastId < 1 || cursor < 1 || listSize < cursor) {
            throw invalid("");
        }
        if (!from.isEmpty()) {
            OaiDate.parse("from", from);
        }
        if (!until.isEmpty()) {
            OaiDate.parse("until", until);
        }
        OaiDate.parse("datestamp", lastDatestamp);
    }

    private static OaiError invalid(String token) {
        return OaiError.badResumptionToken("The resumption token '" + token + "' is not one this repository issued.");
    }
}
