package org.dossier.search;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.LongValues;

/**
 * The facet values of one point-in-time reader, numbered across all its segments (global
 * ordinals, from the facet module's reader state): which facet each number belongs to, its key,
 * and how each segment's own numbers map onto them. Built once per refresh, never per query.
 */
final class Ordinals {

    static final Ordinals NONE = new Ordinals(null, 0, new byte[0], new String[0], new EnumMap<>(Facet.class));

    private final OrdinalMap segmentsToGlobal;
    private final int size;
    private final byte[] facetOf;
    private final String[] keyOf;
    private final Map<Facet, Map<String, Integer>> ordOf;

    private Ordinals(OrdinalMap segmentsToGlobal, int size, byte[] facetOf, String[] keyOf,
                     Map<Facet, Map<String, Integer>> ordOf) {
        this.segmentsToGlobal = segmentsToGlobal;
        this.size = size;
        this.facetOf = facetOf;
        this.keyOf = keyOf;
        this.ordOf = ordOf;
    }

    static Ordinals of(IndexReader reader, FacetsConfig config) throws IOException {
        FieldInfo field = FieldInfos.getMergedFieldInfos(reader).fieldInfo(IndexLayout.FACETS);
        if (field == null) {
            return NONE;
        }
        SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, config);
        SortedSetDocValues values = state.getDocValues();
        OrdinalMap map = values instanceof MultiDocValues.MultiSortedSetDocValues multi ? multi.mapping : null;
        int size = (int) values.getValueCount();
        byte[] facetOf = new byte[size];
        String[] keyOf = new String[size];
        Map<Facet, Map<String, Integer>> ordOf = new EnumMap<>(Facet.class);
        java.util.Arrays.fill(facetOf, (byte) -1);
        for (Facet facet : Facet.values()) {
            Map<String, Integer> keys = new HashMap<>();
            ordOf.put(facet, keys);
            SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(facet.key());
            if (range == null) {
                continue;
            }
            for (int ord = range.start; ord <= range.end; ord++) {
                String[] path = FacetsConfig.stringToPath(values.lookupOrd(ord).utf8ToString());
                facetOf[ord] = (byte) facet.ordinal();
                keyOf[ord] = path[1];
                keys.put(path[1], ord);
            }
        }
        return new Ordinals(map, size, facetOf, keyOf, ordOf);
    }

    int size() {
        return size;
    }

    /** The facet of a global ordinal, or null for a value of no known facet. */
    Facet facetOf(int ord) {
        return facetOf[ord] < 0 ? null : Facet.values()[facetOf[ord]];
    }

    String keyOf(int ord) {
        return keyOf[ord];
    }

    /** The global ordinal of a facet value, or -1 when no record in this reader has it. */
    int ordOf(Facet facet, String key) {
        return ordOf.get(facet).getOrDefault(key, -1);
    }

    /** How the numbers of segment {@code leafOrd} map onto the global ones. */
    LongValues toGlobal(int leafOrd) {
        return segmentsToGlobal == null ? LongValues.IDENTITY : segmentsToGlobal.getGlobalOrds(leafOrd);
    }
}
