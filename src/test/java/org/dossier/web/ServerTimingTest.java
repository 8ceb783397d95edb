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
