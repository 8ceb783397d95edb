package org.dossier.editing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * A clock a test moves by hand, to see what happens after a wait without waiting, or one that moves
 * itself each time it is read, as work that takes its time would see it.
 */
public final class MutableClock extends Clock {

    private Instant now;
    private final UnaryOperator<Instant> onReading;

    public MutableClock(String start) {
        this(start, UnaryOperator.identity());
    }

    /** One whose every reading is {@code onReading} of the time it gave before ({@code start} first). */
    public MutableClock(String start, UnaryOperator<Instant> onReading) {
        this.now = Instant.parse(start);
        this.onReading = onReading;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        now = onReading.apply(now);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
