package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

// Same on every database: stores in memory, and the sources, no database.
@SameOnEveryDatabase
class KeptStoresTest {

    @Test
    void aStoreEvictsOnTheThreadThatWroteBeforeThePutReturns() {
        Set<String> evictedOn = ConcurrentHashMap.newKeySet();
        // The eviction listener runs where the upkeep runs.
        Cache<Integer, String> store = KeptStores.builder().maximumSize(10)
                .<Integer, String>evictionListener((key, value, cause) -> evictedOn.add(Thread.currentThread().getName()))
                .build();
        for (int i = 0; i < 1_000; i++) {
            store.put(i, "answer " + i);
            // No cleanUp(): the upkeep ran inside the put.
            assertTrue(store.estimatedSize() <= 10, store.estimatedSize() + " kept after put " + i);
        }
        assertEquals(Set.of(Thread.currentThread().getName()), evictedOn, "evicted on the writing thread only");
    }

    @Test
    void everyStoreOfTheAppIsBuiltByKeptStores() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> elsewhere = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.endsWith(Path.of("org/dossier/search/KeptStores.java")))
                    .filter(file -> read(file).contains("Caffeine.newBuilder("))
                    .toList();
            assertEquals(List.of(), elsewhere, "Caffeine built outside KeptStores: its upkeep would wake the common pool");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
