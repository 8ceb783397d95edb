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
