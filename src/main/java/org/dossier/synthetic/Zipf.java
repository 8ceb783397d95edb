package org.dossier.synthetic;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 0..n-1 with a Zipf-like skew: rank k is drawn in proportion to 1/(k+1)^s, so that a
 * few values are everywhere and most are rare, as names and words are in real archives.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("nothing to draw from");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
    }

    int next(RandomGenerator random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = at >= 0 ? at : -at - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    /** The probability of drawing {@code rank}. */
    double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
