package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SameOnEveryDatabase;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyBeforeThread} in front of an application that reads its body blocking, on a real Jetty
 * server: when the application is given its thread, and that it then reads the whole body either way.
 */
@SameOnEveryDatabase // a bare Jetty server and its handlers: no catalogue, no database
class BodyBeforeThreadTest {

    private final CountDownLatch given = new CountDownLatch(1);
    private Server server;

    /** An application that says how much of the body it read; {@link #given} counts down as it starts. */
    private final class Reading extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            given.countDown();
            String body = Content.Source.asString(request, StandardCharsets.US_ASCII);
            Content.Sink.write(response, true, "read " + body.length(), callback);
            return true;
        }
    }

    /**
     * An application that reads the body as a stream, blocking, as Javalin's forms do, and answers the
     * status of what its read failed with (a 408 for a body too slow), or how much it read.
     */
    private final class ReadingAsAStream extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            given.countDown();
            try (InputStream in = Content.Source.asInputStream(request)) {
                long read = in.transferTo(OutputStream.nullOutputStream());
                Content.Sink.write(response, true, "read " + read, callback);
            } catch (Exception e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof HttpException)) {
                    cause = cause.getCause();
                }
                Response.writeError(request, response, callback, cause instanceof HttpException http ? http.getCode() : 500);
            }
            return true;
        }
    }

    private int serve(long waitingBytes) throws Exception {
        return serve(waitingBytes, 0, new Reading());
    }

    private int serve(long waitingBytes, long minBytesPerSecond, Handler application) throws Exception {
        return serve(gathering(waitingBytes, minBytesPerSecond, application));
    }

    private static BodyBeforeThread gathering(long waitingBytes, long minBytesPerSecond, Handler application) {
        BodyBeforeThread gathering = new BodyBeforeThread(1 << 20, minBytesPerSecond, waitingBytes);
        gathering.setHandler(application);
        return gathering;
    }

    private int serve(Handler handler) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return connector.getLocalPort();
    }

    /**
     * A server late to read what came, as one at a load of 28 was: each time the body's reader asks to
     * be called when more of it is there, it is called {@link #LATE} after that. {@link #moreAwaited}
     * counts down once the reader has read some of the body and asks for the rest.
     */
    private static final class LateToRead extends Handler.Wrapper {
        static final long LATE = 1_000;
        final CountDownLatch moreAwaited = new CountDownLatch(1);

        LateToRead(Handler gathering) {
            super(gathering);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return super.handle(new Request.Wrapper(request) {
                private long read;

                @Override
                public Content.Chunk read() {
                    Content.Chunk chunk = super.read();
                    if (chunk != null) {
                        read += chunk.remaining();
                    }
                    return chunk;
                }

                @Override
                public void demand(Runnable demandCallback) {
                    if (read > 0) {
                        moreAwaited.countDown();
                    }
                    super.demand(() -> {
                        try {
                            Thread.sleep(LATE);
                        } catch (InterruptedException stopping) {
                            Thread.currentThread().interrupt();
                        }
                        demandCallback.run();
                    });
                }
            }, response, callback);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** Sends headers and half of a 40-byte body, then whether the application was given a thread, then the rest. */
    private String halfThenRest(int port, boolean[] givenAtHalf) throws Exception {
        return halfThenRest(port, 20, () -> givenAtHalf[0] = given.await(2, TimeUnit.SECONDS));
    }

    /** Sends headers and {@code half} bytes of a body twice as long, then, once {@code atHalf} has run, the rest; returns the answer. */
    private static String halfThenRest(int port, int half, Callable<?> atHalf) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + 2 * half + "\r\n\r\n"
                    + "a".repeat(half)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            atHalf.call();
            out.write("b".repeat(half).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aBodyIsWholeBeforeTheApplicationIsGivenAThread() throws Exception {
        boolean[] givenAtHalf = {false};
        String answer = halfThenRest(serve(BodyBeforeThread.WAITING_BYTES), givenAtHalf);
        assertFalse(givenAtHalf[0], "no thread while half the body is still to come");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("read 40"), answer);
    }

    @Test
    void pastWhatTheWaitingBodiesMayWeighABodyGetsItsThreadWithWhatItHasSentAndReadsTheRest() throws Exception {
        // Many large bodies at once would fill the heap while they wait: past the budget, a body is
        // handled as every body was before, its thread reading the rest as it comes.
        boolean[] givenAtHalf = {false};
        String answer = halfThenRest(serve(16), givenAtHalf);
        assertTrue(givenAtHalf[0], "20 bytes waiting weigh more than the 16 allowed: the body gets its thread");
        assertEquals("read 40", answer.substring(answer.lastIndexOf("read ")), answer);
    }

    /**
     * A small form sent at once, in two writes, whose second half this server reads a second after it
     * came: it was a 408 "too slow" (300 bytes in a second is less than 512 B/s), the time counted being
     * the server's own delay, as an editor's save was once in a whole test run at a load of 28. A body
     * is judged only while more of it is awaited, when every byte that came has been read.
     */
    @Test
    void aBodyWhoseBytesAllCameIsReadWholeHoweverLateTheServerGetsToThem() throws Exception {
        LateToRead late = new LateToRead(gathering(BodyBeforeThread.WAITING_BYTES, JettySetup.MIN_REQUEST_DATA_RATE,
                new ReadingAsAStream()));
        boolean[] restAwaited = {false};
        String answer = halfThenRest(serve(late), 150, () -> restAwaited[0] = late.moreAwaited.await(10, TimeUnit.SECONDS));
        assertTrue(restAwaited[0], "the server read the first half and awaited the rest");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer.lines().findFirst().orElse("nothing"));
        assertTrue(answer.endsWith("read 300"), answer);
    }

    /**
     * What the application reads of a body passed on with what it had sent (past the waiting budget)
     * is held to the rate a gathered body is: one that dribbles in is a 408 within seconds, where it
     * held the application's thread for as long as the client kept sending. (Jetty's own check of the
     * rate, set on its HttpConfiguration, is deprecated for removal; this server has none.)
     */
    @Test
    void theRestOfABodyPassedOnIsHeldToTheSameRateAndIsA408OnceItFallsBehind() throws Exception {
        int port = serve(16, 100, new ReadingAsAStream());
        RawHttp.Dribbled answer = RawHttp.dribble(port, "POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n" + "a".repeat(20),
                'b', 10, text -> false);
        assertEquals(0, given.getCount(), "past the budget the body got its thread");
        assertTrue(answer.text().startsWith("HTTP/1.1 408 "),
                answer.seconds() + " s: " + answer.text().lines().findFirst().orElse("nothing"));
        assertTrue(answer.seconds() < 5, "ended after " + answer.seconds() + " s");
    }
}
