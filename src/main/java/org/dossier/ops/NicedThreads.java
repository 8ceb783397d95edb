package org.dossier.ops;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads that each raise their own nice value once, as they start, so that the operating
 * system gives the processor to the node's other threads first when both want it, and to these
 * when nobody else does.
 *
 * <p>Why from the thread itself, and why threads of their own: on Linux the nice value is each
 * thread's ({@code setpriority(PRIO_PROCESS, 0, n)} from a thread sets that thread's alone), any
 * user may raise it, and lowering it back needs a privilege the node does not have: a thread
 * lent to other work (Jetty's) would keep it. Where the call is not possible (not Linux, JNA's
 * library not loadable, the call refused) the threads run at the node's own priority, said once in
 * the log. Not on other systems even where {@code setpriority} exists: there it sets the whole
 * process's.
 */
public final class NicedThreads implements ThreadFactory {

    /** The highest nice value Linux has: the lowest priority. */
    public static final int MAX_NICE = 19;

    private static final Logger LOG = LoggerFactory.getLogger(NicedThreads.class);

    /** The C library's call, bound by JNA; errno comes back as a {@link LastErrorException}. */
    interface CLibrary extends Library {
        int PRIO_PROCESS = 0;

        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    /** Loaded the first time a thread lowers itself, not at the node's start: JNA unpacks a native library. */
    private static final class Libc {
        static final CLibrary C = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
    }

    private final String name;
    private final int nice;
    private final AtomicInteger count = new AtomicInteger();
    /** Whether the log has said that the threads run at the node's priority: once, not once a thread. */
    private final AtomicBoolean told = new AtomicBoolean();

    /** Threads named {@code name-1}, {@code name-2}…, each at nice value {@code nice} (1 to {@link #MAX_NICE}). */
    public NicedThreads(String name, int nice) {
        if (nice < 1 || nice > MAX_NICE) {
            throw new IllegalArgumentException("a nice value to raise threads to is 1 to " + MAX_NICE + ", not " + nice);
        }
        this.name = name;
        this.nice = nice;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            lowerThisThread();
            task.run();
        }, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private void lowerThisThread() {
        if (!Platform.isLinux()) {
            runningAsTheNode("this system's nice value is the whole process's, not a thread's");
            return;
        }
        try {
            Libc.C.setpriority(CLibrary.PRIO_PROCESS, 0, nice);
        } catch (LastErrorException e) {
            runningAsTheNode("setpriority was refused (errno " + e.getErrorCode() + ")");
        } catch (LinkageError e) {
            runningAsTheNode("the C library could not be called through JNA (" + e.getMessage() + ")");
        }
    }

    private void runningAsTheNode(String why) {
        if (told.compareAndSet(false, true)) {
            LOG.warn("The {} threads run at the node's own priority, not at nice {}: {}", name, nice, why);
        }
    }
}
