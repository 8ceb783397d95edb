package org.dossier.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Gathers a request's body before the application is given a thread for it. The application reads
 * bodies blocking (Javalin's forms), so a client that sent its headers and then nothing held a
 * thread until the idle timeout: 300 sign-in forms that never sent their fields held every thread
 * for 30 s, and no one else was answered. Here the body's bytes are copied as they come, while no
 * thread waits; a silent client is ended by the idle timeout holding only its connection, and one
 * that sends slower than {@code minBytesPerSecond} is a 408 once it falls behind, judged as Jetty
 * judges a body the application reads: when all that came has been read and more is awaited, so
 * that a body whose bytes were all there is never behind however late a thread reads them. Bytes
 * are copied, not kept in Jetty's network buffers, so a body sent a byte at a time pins no buffer
 * per byte.
 *
 * <p>A body larger than {@code largest} (a form may weigh 1 MB) is passed on as soon as that much
 * has come, the rest read by the application as before: it answers 413. The bodies waiting here
 * together hold at most {@code waitingBytes} ({@link #WAITING_BYTES}): past that, a body is passed on with what it has
 * sent, as every body was before, so that many large bodies sent at once cannot fill the heap
 * (a thread each bounded them before). What the application reads of a body passed on is held to
 * the same rate, counted from the body's first byte: a 408 once it falls behind. That was Jetty's
 * {@code HttpConfiguration.setMinRequestDataRate}, deprecated for removal; the handler Jetty 12.1
 * offers instead ({@code MinimumDataRateHandler}) judges the bytes every request read together
 * since this one's first, so that one client dribbling beside others sending is never behind.
 */
public final class BodyBeforeThread extends Handler.Wrapper {

    /** What the bodies gathered here may weigh together: 32 forms of the largest size. */
    public static final long WAITING_BYTES = 32L << 20;

    private final long largest;
    private final long minBytesPerSecond;
    private final long waitingBytes;
    private final AtomicLong waiting = new AtomicLong();

    /**
     * @param largest           the largest body gathered whole (what a form may weigh)
     * @param minBytesPerSecond the slowest a body may come (0: any speed)
     * @param waitingBytes      what the bodies waiting here may weigh together ({@link #WAITING_BYTES})
     */
    public BodyBeforeThread(long largest, long minBytesPerSecond, long waitingBytes) {
        if (largest <= 0 || minBytesPerSecond < 0 || waitingBytes <= 0) {
            throw new IllegalArgumentException("the sizes must be positive and the rate not negative");
        }
        this.largest = largest;
        this.minBytesPerSecond = minBytesPerSecond;
        this.waitingBytes = waitingBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!bodyExpected(request)) {
            return super.handle(request, response, callback);
        }
        if (request.getLength() > largest) {
            return super.handle(new Gathered(request, new byte[0], null, new Rate()), response, callback);
        }
        new Gathering(request, response, callback).run();
        return true;
    }

    private static boolean bodyExpected(Request request) {
        return request.getLength() > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
    }

    /** One body's bytes as they come; run again by Jetty each time more is there. */
    private final class Gathering implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final Rate rate = new Rate();

        Gathering(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    // Judged only here, when every byte that came has been read and more is awaited (as
                    // Gathered judges the rest): the bytes counted are then all the client has sent,
                    // whenever this server's thread got to them. Judged after each chunk, a small form
                    // sent at once in two writes, whose second a thread at a load of 28 read a second
                    // after it came, was a 408 for the server's own delay. Jetty does not say when bytes
                    // came, and a grace for the first seconds (Jetty 12.1's handler) would only forgive
                    // a shorter delay; a client sending a byte every 10 s still falls behind here at
                    // its second byte.
                    if (rate.tooSlow()) {
                        passOn(rate.timedOut());
                        return;
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // Chunks that are not chunks (400), the idle timeout, the client gone: the
                    // application answers it as it answers a body it cannot read.
                    passOn(chunk.getFailure() instanceof HttpException
                            ? chunk : Content.Chunk.from(new HttpException.RuntimeException(
                                    HttpStatus.REQUEST_TIMEOUT_408, "no more of the body came", chunk.getFailure())));
                    return;
                }
                boolean roomLeft = copy(chunk);
                if (chunk.isLast()) {
                    passOn(Content.Chunk.EOF);
                    return;
                }
                if (body.size() > largest || !roomLeft) {
                    passOn(null);
                    return;
                }
            }
        }

        /** Copies the chunk's bytes and releases Jetty's buffer; false once the bodies waiting weigh too much. */
        private boolean copy(Content.Chunk chunk) {
            ByteBuffer bytes = chunk.getByteBuffer();
            int size = bytes.remaining();
            rate.arrived(size);
            byte[] copied = new byte[size];
            bytes.get(copied);
            body.write(copied, 0, size);
            chunk.release();
            return waiting.addAndGet(size) <= waitingBytes;
        }

        /** Gives the application a thread: {@code end} is what it reads after the bytes, or null for the rest of the body. */
        private void passOn(Content.Chunk end) {
            waiting.addAndGet(-body.size());
            Request gathered = new Gathered(request, body.toByteArray(), end, rate);
            try {
                if (!BodyBeforeThread.super.handle(gathered, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }
    }

    /**
     * How fast a body comes: Jetty's own rule for a body the application reads, the bytes since the
     * first byte at least {@code minBytesPerSecond} a second.
     */
    private final class Rate {
        private long firstByteAt = -1;
        private long bytes;

        void arrived(int size) {
            if (size > 0 && firstByteAt < 0) {
                firstByteAt = System.nanoTime();
            }
            bytes += size;
        }

        boolean tooSlow() {
            if (minBytesPerSecond == 0 || firstByteAt < 0) {
                return false;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstByteAt);
            return bytes < minBytesPerSecond * millis / 1000;
        }

        /** What the application reads of a body that fell behind: a 408, as Jetty said it. */
        Content.Chunk timedOut() {
            return Content.Chunk.from(new HttpException.RuntimeException(HttpStatus.REQUEST_TIMEOUT_408,
                    "Request content data rate < " + minBytesPerSecond + " B/s"));
        }
    }

    /**
     * The request as the application sees it: the gathered bytes, then how the body ended or the rest
     * of it, each chunk of the rest counted by the body's {@link Rate} and a 408 once it is behind.
     */
    private static final class Gathered extends Request.Wrapper {
        private final Deque<Content.Chunk> gathered = new ArrayDeque<>();
        private final Rate rate;
        private Content.Chunk timedOut;

        Gathered(Request request, byte[] body, Content.Chunk end, Rate rate) {
            super(request);
            this.rate = rate;
            if (body.length > 0) {
                gathered.add(Content.Chunk.from(ByteBuffer.wrap(body), false));
            }
            if (end != null) {
                gathered.add(end);
            }
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = gathered.peekFirst();
            if (next != null) {
                // The last chunk (EOF or a failure) is said again to every later read, as Jetty does.
                return next.isLast() ? next : gathered.removeFirst();
            }
            if (timedOut != null) {
                return timedOut;
            }
            Content.Chunk rest = super.read();
            if (rest != null && rest.hasRemaining()) {
                rate.arrived(rest.remaining());
            } else if (rest == null && rate.tooSlow()) {
                // Judged when nothing more is there, as Jetty did, before the application waits for more.
                timedOut = rate.timedOut();
                return timedOut;
            }
            return rest;
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (gathered.isEmpty() && timedOut == null) {
                super.demand(demandCallback);
            } else {
                demandCallback.run();
            }
        }
    }
}
