package org.dossier.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an index more than {@code --max-index-lag} changes behind its database should still say it
 * is ready: yes while it is seen catching up, no when it is stuck. A large import commits its
 * changes at once and puts every node that far behind together; each applies them, and taking
 * them all out of rotation until they were done left a readiness-based load balancer with no node. A node that is behind and
 * not moving (its follower failing, its disk full) is the one a balancer should pass over.
 *
 * <p>One reading per /ready: a node found behind says 503 until a later reading finds it further on
 * (as before, a node that fell behind and is not yet seen applying is not ready); then 200 while
 * each reading finds it has got further within {@link #STALLED}; 503 once it has got no further
 * for that long. Within the lag, it is ready, and the next time it falls behind starts afresh.
 * "Further" is the follower's steps ({@code IndexStatus.steps}: a record more written), not what
 * is searchable: a batch is made searchable seconds after its first record is written on a busy
 * machine, and a node judged by that said 503 for as long (8 checks after a write of 20,000).
 */
final class IndexCatchUp {

    /** No step taken for this long, while behind, is a stuck index: a waiting search gives up as soon. */
    static final Duration STALLED = Duration.ofSeconds(10);

    /** Where the follower was (its steps) when last seen further on than before, while behind; null within the lag. */
    private record Seen(long steps, Instant at, boolean moving) {
    }

    private final long maxLag;
    private Seen behind;

    IndexCatchUp(long maxLag) {
        this.maxLag = maxLag;
    }

    /** The verdict on an open index whose follower has taken {@code steps} and is {@code lag} changes behind, at {@code now}. */
    synchronized Verdict judge(long steps, long lag, Instant now) {
        if (lag <= maxLag) {
            behind = null;
            return Verdict.WITHIN_LAG;
        }
        Seen was = behind;
        if (was == null) {
            behind = new Seen(steps, now, false);
            return Verdict.BEHIND;
        }
        if (steps > was.steps()) {
            behind = new Seen(steps, now, true);
            return Verdict.CATCHING_UP;
        }
        return was.moving() && now.isBefore(was.at().plus(STALLED)) ? Verdict.CATCHING_UP : Verdict.BEHIND;
    }

    enum Verdict {
        /** At most the lag allowed behind. */
        WITHIN_LAG(true),
        /** Further behind, and applying the changes: as far behind as every other node after a bulk write. */
        CATCHING_UP(true),
        /** Further behind, and not seen applying anything lately. */
        BEHIND(false);

        private final boolean ready;

        Verdict(boolean ready) {
            this.ready = ready;
        }

        boolean ready() {
            return ready;
        }
    }
}
