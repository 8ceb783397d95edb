package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase
class ServerTimingTest {

    @Test
    void partsAreMillisecondsToATenthInTheOrderAdded() {
        assertEquals("search;dur=14.2, render;dur=0.0, page;dur=1234.6",
                new ServerTiming().add("search", 14_190_000).add("render", 40_000).add("page", 1_234_560_000L).value());
    }

    @Test
    void eachTimeIsWrittenAsFormattingItToATenthWroteIt() {
        // Rounded half up at the hundredths, as "%.1f" rounds: the header kept byte for byte.
        long[] times = {0, 1, 49_999, 50_000, 50_001, 99_999, 100_000, 149_999, 150_000, 950_000, 999_999,
                9_950_000, 12_345_678, 99_950_000, 1_234_550_000L, 86_400_000_000_000L};
        for (long nanos : times) {
            assertEquals("page;dur=" + String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6),
                    new ServerTiming().add("page", nanos).value(), nanos + " ns");
        }
        for (long nanos = 0; nanos < 3_000_000; nanos += 777) {
            assertEquals("page;dur=" + String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6),
                    new ServerTiming().add("page", nanos).value(), nanos + " ns");
        }
    }

    @Test
    void aPartNotMeasuredIsLeftOut() {
        assertEquals("search;dur=1.0, page;dur=2.0",
                new ServerTiming().add("search", 1_000_000).add("render", -1).add("page", 2_000_000).value());
    }

    @Test
    void aNameThatWouldBreakTheHeaderOrANegativeTimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServerTiming().add("db;desc=x", 1));
        assertThrows(IllegalArgumentException.class, () -> new ServerTiming().add("", 1));
        assertThrows(IllegalArgumentException.class, () -> new ServerTiming().add("render", -2));
    }
}
