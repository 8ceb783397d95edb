package org.dossier.documents;

import java.util.Optional;

/**
 * A value of a closed list that is named outside the code by a key of its own: in URLs, forms,
 * JSON and the database ({@code -date}, {@code author}, {@code within}). Every such enum reads its
 * values back through {@link #byKey}, which each wrote again as a stream of its own.
 */
public interface Keyed {

    /** The value's name outside the code. */
    String key();

    /** The one of {@code values} named {@code key} exactly, if one is (none for null). */
    static <T extends Keyed> Optional<T> byKey(T[] values, String key) {
        for (T value : values) {
            if (value.key().equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
