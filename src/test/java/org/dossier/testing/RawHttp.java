package org.dossier.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte on a socket: for what a well-behaved client refuses to
 * send (a hostile Host header, a bad URI, oversized headers). The connection is closed after it.
 */
public final class RawHttp {

    /** The status, headers (names in lower case, the last of each) and body of a response. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** What a server answered a body sent a byte at a time, and after how many seconds. */
    public record Dribbled(String text, double seconds) {
    }

    /**
     * Sends {@code head} (a request's line, headers and the first bytes of its body), then one byte of
     * {@code filler} every 250 ms that nothing comes back, for at most {@code limit} seconds: a client
     * whose body dribbles in. Returns what came back, up to the server's close or until {@code enough}.
     */
    public static Dribbled dribble(int port, String head, char filler, int limit,
                                   java.util.function.Predicate<String> enough) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(250);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long started = System.nanoTime();
            byte[] buffer = new byte[8192];
            while (System.nanoTime() - started < limit * 1_000_000_000L && !enough.test(answer.toString(StandardCharsets.UTF_8))) {
                try {
                    int read = socket.getInputStream().read(buffer);
                    if (read < 0) {
                        break;
                    }
                    answer.write(buffer, 0, read);
                } catch (java.net.SocketTimeoutException nothingYet) {
                    try {
                        out.write(filler);
                        out.flush();
                    } catch (IOException closed) {
                        // answered and closed: read what was said
                    }
                }
            }
            return new Dribbled(answer.toString(StandardCharsets.UTF_8), (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} (lines without their CRLF; the blank line is added) and reads the answer. */
    public static Response send(int port, String... requestLines) {
        String request = String.join("\r\n", requestLines) + "\r\nConnection: close\r\n\r\n";
        return exchange(port, request.getBytes(StandardCharsets.UTF_8));
    }

    /** The same with a request line written as these bytes (ones that are not UTF-8: a Latin-1 'é'). */
    public static Response send(int port, byte[] requestLine, String... headerLines) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(requestLine);
        request.writeBytes(("\r\n" + String.join("\r\n", headerLines) + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return exchange(port, request.toByteArray());
    }

    private static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            return new Response(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
