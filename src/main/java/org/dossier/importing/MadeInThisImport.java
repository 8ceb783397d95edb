package org.dossier.importing;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;

/**
 * The identities of the records an import has made so far, as a filter of a fixed size (a Bloom
 * filter of 1 MiB, three bits an identity): it can say that an entry's identity was certainly not
 * made by this import, and then the writer need not look it up in the transaction. An entry the
 * catalogue held before the import is known from the reading thread's look-up; one the import made
 * is in the transaction only because it came earlier in the same pages; so a fresh entry is looked
 * up only where the filter holds its bits. Its size does not grow with the pages: past a few million
 * new entries more of them are looked up, as every one was before.
 */
final class MadeInThisImport implements MadeSoFar {

    /** 2^23 bits, 1 MiB: about one look-up in a thousand wasted at 300,000 new entries, a quarter at three million. */
    private static final int BITS = 1 << 23;
    private static final int MASK = BITS - 1;
    /** Hexadecimal digits a position takes from the identity: 24 bits, of which 23 are used. */
    private static final int DIGITS = 6;
    private static final int POSITIONS = 3;

    private final long[] words = new long[BITS / Long.SIZE];

    /** Those of {@code identities} the filter may hold, looked up in the index of where records were seen. */
    @Override
    public Map<String, Integer> madeAs(DSLContext tx, Collection<String> identities) {
        Set<String> perhaps = new HashSet<>();
        for (String identity : identities) {
            if (mayHold(identity)) {
                perhaps.add(identity);
            }
        }
        return perhaps.isEmpty() ? Map.of() : RecordStore.importedAs(tx, perhaps);
    }

    @Override
    public void add(String identity, int record) {
        add(identity);
    }

    /** Marks {@code identity} ({@link SeedEntry#identity}: SHA-256 in hexadecimal) as made by this import. */
    void add(String identity) {
        for (int i = 0; i < POSITIONS; i++) {
            int bit = position(identity, i);
            words[bit >>> 6] |= 1L << bit;
        }
    }

    /** False when this import has certainly not made {@code identity}; true when it may have. */
    boolean mayHold(String identity) {
        for (int i = 0; i < POSITIONS; i++) {
            int bit = position(identity, i);
            if ((words[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code i}th bit of an identity: its digits from {@code i * DIGITS}, which are as evenly spread
     * as a hash's; any other text is spread by its hash code (a filter that says "may" too often only
     * costs look-ups).
     */
    private static int position(String identity, int i) {
        int from = i * DIGITS;
        if (identity.length() >= from + DIGITS) {
            try {
                return Integer.parseInt(identity, from, from + DIGITS, 16) & MASK;
            } catch (NumberFormatException e) {
                // not hexadecimal: below
            }
        }
        int h = identity.hashCode() * (0x9E3779B1 + 2 * i);
        return (h ^ (h >>> 15)) & MASK;
    }
}
