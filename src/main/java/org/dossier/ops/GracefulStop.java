package org.dossier.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * The graceful stop: counts the requests in flight, which the server's stop waits for (within the
 * grace, its stop timeout), as Jetty's {@code GracefulHandler} does. What it does otherwise: a
 * request the server reads only once the stop has begun comes on a connection it had accepted
 * before (none is accepted then; the stop waits for those open too): its header fields were still
 * coming, or its bytes waited for a thread on a loaded machine. {@code GracefulHandler} turned it
 * away with Jetty's own "503 Something went wrong" page, which said nothing of the stop (and,
 * during a first start's import, was not the catalogue's "being loaded" page): a race between a
 * request's first bytes and the stop, which a reader could not tell from a fault. Here it is
 * answered as any request in flight is, counted as they are, and its connection is closed after
 * it, so that no more come on it.
 */
final class GracefulStop extends Handler.Wrapper implements Graceful {

    private final AtomicLong inFlight = new AtomicLong();
    private final Graceful.Shutdown shutdown = new Graceful.Shutdown(this) {
        @Override
        public boolean isShutdownDone() {
            return inFlight.get() == 0;
        }
    };

    @Override
    protected void doStart() throws Exception {
        shutdown.cancel();
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null || !isStarted()) {
            return false;
        }
        if (isShutdown()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        inFlight.incrementAndGet();
        Callback counted = Callback.from(callback, this::finished);
        try {
            boolean handled = next.handle(request, response, counted);
            if (!handled) {
                finished();
            }
            return handled;
        } catch (Throwable failure) {
            Response.writeError(request, response, counted, failure);
            return true;
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        if (isShutdown()) {
            shutdown.check();
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return shutdown.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return shutdown.isShutdown();
    }
}
