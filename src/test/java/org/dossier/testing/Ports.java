package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports of 127.0.0.1, for the servers and nodes a test starts on a port it must know beforehand. */
public final class Ports {

    private Ports() {
    }

    /** A port no one listens on now: the one the system gives a socket, closed at once for the test to take. */
    public static int free() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something listens on {@code port}: a connection is made to it, and closed at once. */
    public static boolean acceptsConnections(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return probe.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}
