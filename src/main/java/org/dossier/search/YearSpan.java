package org.dossier.search;

/**
 * The years from {@code first} to {@code last} (both included) that a counting pass has a place
 * for: every year any record of the index searched starts or ends in ({@link Snapshot#yearSpan()}),
 * so that a pass counts into some fifty places (at a million generated records) rather than one
 * for every year there could be ({@link FacetCounter#YEARS}), which every pass, however few its
 * records, allocated and summed twice over per slice (issue 14, sweep {@code smallpass}).
 * Empty ({@link #NONE}) where no record is dated.
 */
record YearSpan(int first, int last) {

    /** A place for every year there could be. */
    static final YearSpan EVERY = new YearSpan(0, FacetCounter.YEARS - 1);
    /** No place: no record is dated. */
    static final YearSpan NONE = new YearSpan(0, -1);

    YearSpan {
        if (first < 0 || last >= FacetCounter.YEARS || last < first - 1) {
            throw new IllegalArgumentException("no span of years from " + first + " to " + last);
        }
    }

    /** How many years the span holds. */
    int years() {
        return last - first + 1;
    }

    /** The decade (its first year over ten) of the span's first place for decades. */
    int firstDecade() {
        return first / 10;
    }

    /** How many decades the span touches. */
    int decades() {
        return years() == 0 ? 0 : last / 10 - first / 10 + 1;
    }

    /** The span holding both this one's years and {@code other}'s. */
    YearSpan and(YearSpan other) {
        if (other.years() == 0) {
            return this;
        }
        if (years() == 0) {
            return other;
        }
        return new YearSpan(Math.min(first, other.first), Math.max(last, other.last));
    }
}
