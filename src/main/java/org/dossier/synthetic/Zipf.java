package org.dossier.synthetic;

import java.util.random.RandomGenerator;

/**
 * Draws ranks 0..n-1 with a Zipf-like skew: rank k is drawn in proportion to 1/(k+1)^s, so that a
 * few values are everywhere and most are rare, as names and words are in real archives.
 */
final class Zipf {

    private final double[] cumulative;
    /**
     * For each of {@code n} equal slices of [0, 1), the first rank whose cumulative probability
     * reaches the slice's start: a draw walks on from there, a step or two, where a binary search
     * over a vocabulary of thousands of words took a dozen (a record draws some fifty words).
     */
    private final int[] guide;

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
        guide = new int[n];
        int rank = 0;
        for (int slice = 0; slice < n; slice++) {
            while (rank < n - 1 && cumulative[rank] < (double) slice / n) {
                rank++;
            }
            guide[slice] = rank;
        }
    }

    int next(RandomGenerator random) {
        double draw = random.nextDouble();
        int rank = guide[(int) (draw * guide.length)];
        while (rank < cumulative.length - 1 && cumulative[rank] < draw) {
            rank++;
        }
        return rank;
    }

    /** The probability of drawing {@code rank}. */
    double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
