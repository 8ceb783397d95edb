package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT_SOURCE;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The records an import into a new file has made, by the first 64 bits of their identities, in
 * memory: so that the index of where records were seen by identity ({@code document_source_by_identity})
 * need not be there while the import writes, each of its entries put in at random, and is built
 * once at the end, in order. A record found by its bits is read back by its own key
 * ({@code document_source}'s first column) to check that one of its sources bears the very identity
 * asked: two identities that share their bits (never seen in SHA-256's, but answered all the same)
 * are told apart there, and the later of them is kept whole beside the bits ({@link #sharing}). So
 * every answer is exact.
 *
 * <p>Its size is fixed when it is made, from the entries the pages hold: twelve bytes a slot, a
 * slot for every entry and a third more (a million entries: 2^21 slots, 24 MiB). Pages of more than
 * {@link #MOST_ENTRIES} entries get none ({@link #forAtMost}): their import keeps the live index, as
 * an import into a catalogue in use does, and the memory stays within 48 MiB at any size of pages.
 */
final class IdentitiesMadeHere implements MadeSoFar {

    /** The most slots made, 2^22: 48 MiB of keys and records. */
    static final int MOST_SLOTS = 1 << 22;
    /** The most entries pages may hold and be looked up here: three quarters of {@link #MOST_SLOTS}, 3,145,728. */
    static final int MOST_ENTRIES = MOST_SLOTS / 4 * 3;
    /** The bits of an identity kept: all of its first 64, unless fewer are asked for ({@link ImportRun.Tuning#identityBits}). */
    static final int BITS = Long.SIZE;

    private final int bits;
    private final long[] keys;
    private final int[] records;
    private final int mask;
    /** Identities made here whose bits an earlier identity made here had already: kept whole. */
    private final Map<String, Integer> sharing = new HashMap<>();

    private IdentitiesMadeHere(int entries, int bits) {
        if (bits < 1 || bits > BITS) {
            throw new IllegalArgumentException("an identity's bits kept are 1 to 64, not " + bits);
        }
        // A slot for each entry and a third more (at most three quarters full), in a power of two.
        int needed = (int) Math.max(16, (entries * 4L + 2) / 3);
        int slots = Integer.highestOneBit(needed - 1) << 1;
        this.bits = bits;
        this.keys = new long[slots];
        this.records = new int[slots];
        this.mask = slots - 1;
    }

    /**
     * A map for pages of {@code entries} entries, keeping {@code bits} bits of each identity (64; fewer
     * only to make identities share them, as a test does); none when they are more than {@link #MOST_ENTRIES}.
     */
    static Optional<IdentitiesMadeHere> forAtMost(int entries, int bits) {
        return entries > MOST_ENTRIES ? Optional.empty() : Optional.of(new IdentitiesMadeHere(entries, bits));
    }

    /** How many slots it holds: its size is twelve bytes each. */
    int slots() {
        return keys.length;
    }

    @Override
    public Map<String, Integer> madeAs(DSLContext tx, Collection<String> identities) {
        Map<String, Integer> found = new HashMap<>();
        Map<String, Integer> byBits = new HashMap<>();
        for (String identity : identities) {
            Integer whole = sharing.get(identity);
            if (whole != null) {
                found.put(identity, whole);
                continue;
            }
            int slot = slotOf(keyOf(identity));
            if (keys[slot] != 0) {
                byBits.put(identity, records[slot]);
            }
        }
        if (!byBits.isEmpty()) {
            // Each record's own sources, by its key: whether one bears the identity itself, or only its bits.
            Set<String> seen = new HashSet<>();
            tx.select(DOCUMENT_SOURCE.DOCUMENT_ID, DOCUMENT_SOURCE.IDENTITY).from(DOCUMENT_SOURCE)
                    .where(DOCUMENT_SOURCE.DOCUMENT_ID.in(new HashSet<>(byBits.values())))
                    .forEach(r -> seen.add(r.get(DOCUMENT_SOURCE.DOCUMENT_ID) + " " + r.get(DOCUMENT_SOURCE.IDENTITY)));
            byBits.forEach((identity, record) -> {
                if (seen.contains(record + " " + identity)) {
                    found.put(identity, record);
                }
            });
        }
        return found;
    }

    @Override
    public void add(String identity, int record) {
        long key = keyOf(identity);
        int slot = slotOf(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            records[slot] = record;
        } else {
            // Another identity made here has these bits: this one is not in the slot, and is kept whole.
            sharing.put(identity, record);
        }
    }

    /** The slot of {@code key}: its own, or the empty one it would take. */
    private int slotOf(long key) {
        int slot = (int) mix(key) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * An identity's first {@link #bits} bits, never 0 (which marks an empty slot: 0 is taken as 1,
     * one more pair of identities that share their bits): its first sixteen hexadecimal digits
     * (SHA-256's, as evenly spread as a hash's), or any other text's hash code spread.
     */
    private long keyOf(String identity) {
        long key;
        try {
            key = identity.length() >= 16 ? Long.parseUnsignedLong(identity, 0, 16, 16) : mix(identity.hashCode());
        } catch (NumberFormatException e) {
            key = mix(identity.hashCode());
        }
        key = bits == BITS ? key : key >>> (BITS - bits);
        return key == 0 ? 1 : key;
    }

    /** A 64-bit finaliser (MurmurHash3's), so that keys of few bits still spread over the slots. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
