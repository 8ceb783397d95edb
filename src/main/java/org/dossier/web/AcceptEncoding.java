package org.dossier.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a request's {@code Accept-Encoding} accepts gzip, read as RFC 9110 (12.5.3) says: a list
 * of codings, each with an optional weight {@code q} from 0 to 1, names compared without regard to
 * case, {@code x-gzip} the same as {@code gzip}, {@code *} for any coding not named, and a weight of
 * 0 meaning "not acceptable". Javalin compared each list item as a whole with {@code gzip}, so
 * {@code gzip;q=0.8} or {@code deflate, gzip;q=0.5} went out uncompressed, as did {@code *}.
 */
final class AcceptEncoding {

    /** RFC 9110, 12.4.2: a weight is "0" or "1" with at most three decimals. Compiled once: read on every request. */
    private static final Pattern WEIGHT = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private AcceptEncoding() {
    }

    /** Whether the header (null when the request had none) accepts a gzip body. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            // Any coding would be acceptable (RFC 9110), but a client that says nothing may read none.
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double weight = weight(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? weight : Math.max(gzip, weight);
            } else if (coding.equals("*")) {
                any = weight;
            }
        }
        double chosen = gzip != null ? gzip : any != null ? any : 0;
        return chosen > 0;
    }

    /** The item's {@code q}: 1 without one, 0 for one that is not a number from 0 to 1. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                String value = parameter.substring(2).strip();
                if (!WEIGHT.matcher(value).matches()) {
                    return 0;
                }
                return Double.parseDouble(value);
            }
        }
        return 1;
    }
}
