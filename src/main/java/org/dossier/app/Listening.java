package org.dossier.app;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.dossier.ops.OperationsSettings;

/**
 * Where a node listens ({@code --host} and {@code --port}; {@code --metrics-host} and
 * {@code --metrics-port}), and why it cannot, said in one line that names the option to change
 * rather than as Jetty's bind exception.
 */
final class Listening {

    private Listening() {
    }

    /**
     * A host name that names no address (a slip of the keyboard): said so before anything is opened.
     * Binding to it failed as a port in use does, and was said to be one, after the migrations and
     * the seeds' import; the metrics host's, with the catalogue's port already open.
     */
    static void requireAddress(String host, String option) {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupProblem("cannot listen on " + host + ": no address has that name; give " + option
                    + " one of this machine's addresses or host names" + (option.equals("--host") ? ", or 0.0.0.0 for "
                    + "all of them" : ""), e);
        }
    }

    /** Why the catalogue's port could not be opened. */
    static StartupProblem refused(Settings settings, JavalinBindException e) {
        if (notAnAddressHere(e)) {
            return new StartupProblem("cannot listen on " + settings.host() + ": it is not an address of this "
                    + "machine; give --host one of its addresses, or 0.0.0.0 for all of them", e);
        }
        return new StartupProblem("port " + settings.port() + " on " + settings.host()
                + " is in use: stop what listens there, or give another --port", e);
    }

    /** Why the metrics port could not be opened. */
    static StartupProblem metricsRefused(OperationsSettings operating, IOException e) {
        return new StartupProblem(notAnAddressHere(e)
                ? "cannot serve metrics on " + operating.metricsHost() + ": it is not an address of "
                        + "this machine; give --metrics-host one of its addresses"
                : "the metrics port " + operating.metricsPort() + " on "
                        + operating.metricsHost() + " is in use (" + e.getMessage() + "): stop what "
                        + "listens there, or give another --metrics-port", e);
    }

    /** Whether binding failed because the host is not an address of this machine (EADDRNOTAVAIL). */
    private static boolean notAnAddressHere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }
}
