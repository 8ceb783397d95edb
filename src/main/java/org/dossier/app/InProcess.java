package org.dossier.app;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;

/** A started-in-process app's door: raw HTTP in, the answer out, no socket between. */
public final class InProcess {

    /** An answer: its status, its header lines as sent, and its body. */
    public record Answer(int status, String head, String body) {

        /** Where a redirect leads, as a path and query on this site; null when this is no redirect. */
        public String redirect() {
            if (status / 100 != 3) {
                return null;
            }
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    URI to = URI.create(line.substring(9).strip());
                    return to.getRawQuery() == null ? to.getRawPath() : to.getRawPath() + "?" + to.getRawQuery();
                }
            }
            return null;
        }
    }

    private final LocalConnector connector;
    private final String host;

    InProcess(LocalConnector connector, String host) {
        this.connector = connector;
        this.host = host;
    }

    /** The answer to a GET of {@code pathAndQuery} (on host {@code localhost} for the in-process app). */
    public Answer get(String pathAndQuery) throws Exception {
        // HTTP/1.0: the body comes whole (not chunked) and the exchange ends with it.
        String request = "GET " + pathAndQuery + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n";
        ByteBuffer answer = connector.getResponse(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)),
                false, 30, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IOException("no answer to GET " + pathAndQuery + " within 30 s");
        }
        String text = StandardCharsets.UTF_8.decode(answer).toString();
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
        return new Answer(status, head, end < 0 ? "" : text.substring(end + 4));
    }
}
