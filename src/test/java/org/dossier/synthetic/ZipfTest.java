package org.dossier.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class ZipfTest {

    @Test
    void theFirstRanksAreDrawnFarMoreOftenThanTheLast() {
        Zipf zipf = new Zipf(100, 1.0);
        double sum = 0;
        for (int k = 0; k < 100; k++) {
            sum += zipf.probability(k);
            if (k > 0) {
                assertTrue(zipf.probability(k) < zipf.probability(k - 1));
            }
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(2.0, zipf.probability(0) / zipf.probability(1), 1e-9);
        int[] drawn = new int[100];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            drawn[zipf.next(random)]++;
        }
        assertEquals(zipf.probability(0) * 100_000, drawn[0], 1_000);
        assertTrue(drawn[99] < drawn[0] / 50);
    }

    @Test
    void theVocabularyIsTheSeedWordsMostFrequentFirstInTheirCommonestFormWithoutSmallWords() {
        Vocabulary words = Vocabulary.of(List.of("The Soviet telegram", "A soviet letter to the Soviets",
                "Soviet telegram of Stalin's"));
        List<String> ranked = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            ranked.add(words.word(i));
        }
        assertEquals(List.of("Soviet", "telegram", "letter", "Soviets", "Stalin's"), ranked);
    }
}
