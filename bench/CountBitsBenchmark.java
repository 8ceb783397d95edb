package org.dossier.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.FixedBitSet;

/**
 * The counting pass of the load mix's words with filters ({@link FacetCounter}, as a warm node runs
 * it) against word-parallel counting of the same records: a bitset per facet value, per year and per
 * decade of each segment, built once (as a snapshot would keep them), and each count a popcount of the
 * visited records' bits ANDed with the value's — 64 records an instruction instead of a record's run of
 * ordinals read for each (issue 14, sweep {@code countbits}). Both count the same candidates, chosen as
 * {@code Searching.Counted} chooses them once the counts under the words alone and lifting the range
 * are kept (a warm node): with a range, the words' records meeting it (each failing the facet's value
 * counted under that facet, and under every other facet for the counts kept for lifting any facet);
 * without one, the words' records with the value. Every count the page reads from the pass is
 * compared, for every request, in the first round; the next three are timed.
 *
 * <p>Timed as processor time of the one thread that runs both (no executor: the searches run on the
 * caller), so that a loaded machine's waiting is not counted; which goes first is swapped every
 * request and every round. The collector's threads (garbage collection) are not counted for either.
 * The bitsets are not timed (built once) but their size is printed: that is their cost in memory.
 *
 * <p>In package {@code org.dossier.search} to reach the engine's package-private classes: compile it
 * against the jar and run it on the jar's class path, on a copy of an index (read, never written):
 *
 * <pre>
 * javac -d /tmp/cb -cp target/dossier.jar bench/CountBitsBenchmark.java
 * java -Xmx3g -cp target/dossier.jar:/tmp/cb org.dossier.search.CountBitsBenchmark COPY/1m.index wf-range.txt wf-plain.txt
 * </pre>
 *
 * The files hold one path a line: the words with filters of {@code java bench/LoadBenchmark.java URL
 * --paths N}, as {@code bench/words-with-filters.sh} picks them (range or none).
 */
public class CountBitsBenchmark {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    record Leaf(int maxDoc, long[][] values, long[][] years, int firstYear, long[][] decades, int firstDecade, long[] undated) {}

    public static void main(String[] args) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(args[0])));
        SegmentMemory memory = new SegmentMemory();
        Snapshot snap = new Snapshot(reader, null, IndexLayout.facetsConfig(), 0, memory);
        Ordinals ordinals = snap.ordinals;
        long ords = 0;
        int[] byFacet = new int[Facet.values().length + 1];
        for (int o = 0; o < ordinals.size(); o++) {
            Facet f = ordinals.facetOf(o);
            byFacet[f == null ? Facet.values().length : f.ordinal()]++;
        }
        System.out.println("maxDoc " + reader.maxDoc() + ", leaves " + reader.leaves().size() + ", global values " + ordinals.size()
                + " by facet " + Arrays.toString(Facet.values()) + " " + Arrays.toString(byFacet));
        List<Leaf> leaves = new ArrayList<>();
        long bitBytes = 0;
        int[] perValue = new int[ordinals.size()];
        for (LeafReaderContext ctx : reader.leaves()) {
            FacetColumns c = FacetColumns.of(ctx.reader(), memory);
            int maxDoc = ctx.reader().maxDoc();
            int words = (maxDoc + 63) >>> 6;
            ords += c.ords.length - maxDoc;
            long[][] values = new long[c.valueCount][words];
            int minY = Integer.MAX_VALUE, maxY = -1;
            for (int d = 0; d < maxDoc; d++) {
                int y = c.ords[c.starts[d]];
                if (y != FacetColumns.UNDATED) {
                    minY = Math.min(minY, FacetColumns.startYear(y));
                    maxY = Math.max(maxY, Math.max(FacetColumns.startYear(y), FacetColumns.endYear(y)));
                }
            }
            long[][] years = new long[maxY - minY + 1][words];
            long[][] decades = new long[maxY / 10 - minY / 10 + 1][words];
            long[] undated = new long[words];
            LongValuesHolder g = new LongValuesHolder(ordinals, ctx.ord);
            for (int d = 0; d < maxDoc; d++) {
                int y = c.ords[c.starts[d]];
                if (y == FacetColumns.UNDATED) {
                    undated[d >>> 6] |= 1L << d;
                } else {
                    int s = FacetColumns.startYear(y), e = Math.max(s, FacetColumns.endYear(y));
                    for (int k = s; k <= e; k++) years[k - minY][d >>> 6] |= 1L << d;
                    for (int k = s / 10; k <= e / 10; k++) decades[k - minY / 10][d >>> 6] |= 1L << d;
                }
                for (int i = c.starts[d] + 1; i < c.starts[d + 1]; i++) {
                    values[c.ords[i]][d >>> 6] |= 1L << d;
                    perValue[g.global(c.ords[i])]++;
                }
            }
            bitBytes += 8L * words * (values.length + years.length + decades.length + 1);
            leaves.add(new Leaf(maxDoc, values, years, minY, decades, minY / 10, undated));
            System.out.println("leaf " + ctx.ord + ": maxDoc " + maxDoc + ", values " + c.valueCount + ", years " + minY + "-" + maxY);
        }
        System.out.printf(Locale.ROOT, "values a record %.2f; bitsets %d MB (values, years, decades, undated)%n",
                (double) ords / reader.maxDoc(), bitBytes >> 20);
        int[] sorted = perValue.clone();
        Arrays.sort(sorted);
        int[] thresholds = {64, 128, 256, 1024};
        for (int t : thresholds) {
            int n = 0;
            for (int v : perValue) if (v >= reader.maxDoc() / t) n++;
            System.out.println("values on at least 1/" + t + " of the records: " + n + " of " + perValue.length);
        }
        QueryReader queries = new QueryReader(new CatalogueAnalyzer());
        for (int f = 1; f < args.length; f++) {
            List<String> paths = Files.readAllLines(Path.of(args[f]));
            long[] oldNs = new long[paths.size()], newNs = new long[paths.size()];
            long visited = 0;
            long[] visitedBy = new long[paths.size()];
            int differ = 0;
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < paths.size(); i++) {
                    Map<String, String> p = parameters(paths.get(i));
                    SearchRequest request = request(p);
                    boolean range = p.containsKey("from");
                    RequestFilters filters = new RequestFilters(request, ordinals);
                    Query words = queries.matching(queries.read(p.get("q"), Names.NONE).query());
                    Query candidates = range
                            ? Searching.and(words, memory.ranges.meetingOrAnyOf(snap, filters, List.of()))
                            : Searching.and(words, filters.only(filters.facetBits));
                    FacetCounter counter = new FacetCounter(ordinals, memory, filters, false, 0, range);
                    Bits bits = new Bits(ordinals.size());
                    FacetCounter.Counts old = null;
                    long seen = 0, passTime = 0, bitsTime = 0;
                    for (int k = 0; k < 2; k++) {
                        long t = CPU.getCurrentThreadCpuTime();
                        if ((i + round + k) % 2 == 0) {
                            old = snap.search(candidates, counter);
                            passTime = CPU.getCurrentThreadCpuTime() - t;
                        } else {
                            seen = bits.count(snap, leaves, candidates, filters, range, ordinals);
                            bitsTime = CPU.getCurrentThreadCpuTime() - t;
                        }
                    }
                    if (round > 0) {
                        oldNs[i] += passTime;
                        newNs[i] += bitsTime;
                    } else {
                        visited += seen;
                        visitedBy[i] = seen;
                        String why = bits.differs(old, range ? counter.othersOfNearMisses() : null, filters, ordinals, range);
                        if (why != null && differ++ < 5) System.out.println("differs: " + why + " " + paths.get(i));
                    }
                }
            }
            long so = Arrays.stream(oldNs).sum(), sn = Arrays.stream(newNs).sum();
            long[] o = oldNs.clone(), n = newNs.clone();
            Arrays.sort(o);
            Arrays.sort(n);
            System.out.printf(Locale.ROOT, "%s: %d requests, %.0f records visited each; pass %.2f ms each (p50 %.2f, p99 %.2f), bits %.2f ms (p50 %.2f, p99 %.2f); differ %d%n",
                    args[f], paths.size(), (double) visited / paths.size(), so / 3e6 / paths.size(), o[o.length / 2] / 3e6, o[(int) (o.length * 0.99)] / 3e6,
                    sn / 3e6 / paths.size(), n[n.length / 2] / 3e6, n[(int) (n.length * 0.99)] / 3e6, differ);
            // By the share of the catalogue visited: the pass's work grows with the records visited,
            // the bits' with the catalogue's words (those holding a visited record) times its values.
            double[] shares = {0, 0.01, 0.05, 0.10, 0.20, 1.01};
            for (int b = 0; b + 1 < shares.length; b++) {
                long passSum = 0, bitsSum = 0;
                int count = 0;
                for (int i = 0; i < paths.size(); i++) {
                    double share = (double) visitedBy[i] / reader.maxDoc();
                    if (share >= shares[b] && share < shares[b + 1]) {
                        passSum += oldNs[i];
                        bitsSum += newNs[i];
                        count++;
                    }
                }
                if (count > 0) {
                    System.out.printf(Locale.ROOT, "  visiting %.0f-%.0f %% of the records: %d requests, pass %.2f ms each, bits %.2f ms%n",
                            100 * shares[b], Math.min(100, 100 * shares[b + 1]), count, passSum / 3e6 / count, bitsSum / 3e6 / count);
                }
            }
        }
    }

    /** A search path's parameters, decoded. */
    static Map<String, String> parameters(String path) {
        Map<String, String> p = new HashMap<>();
        for (String kv : path.substring(path.indexOf('?') + 1).split("&")) {
            String[] two = kv.split("=", 2);
            p.put(two[0], URLDecoder.decode(two[1], StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The request a search path's parameters ask: its words, its facets' values and its range, if any. */
    static SearchRequest request(Map<String, String> p) {
        SearchRequest request = SearchRequest.of(p.get("q"));
        for (Facet facet : Facet.values()) {
            if (p.containsKey(facet.key())) request = request.toggle(facet, p.get(facet.key()));
        }
        if (p.containsKey("from")) request = request.between(DateBound.parse(p.get("from")), DateBound.parse(p.get("to")));
        return request;
    }

    static final class LongValuesHolder {
        final org.apache.lucene.util.LongValues lv;
        LongValuesHolder(Ordinals o, int leaf) { lv = o.toGlobal(leaf); }
        int global(int ord) { return (int) lv.get(ord); }
    }

    /** The counts the pass gives a page, taken word-parallel. */
    static final class Bits {
        final int[] values, others;
        final int[] years = new int[FacetCounter.YEARS];
        final int[] decades = new int[FacetCounter.DECADES];
        int total, near;

        Bits(int n) { values = new int[n]; others = new int[n]; }

        long count(Snapshot snap, List<Leaf> leaves, Query candidates, RequestFilters filters, boolean range, Ordinals ordinals) throws java.io.IOException {
            Weight w = snap.createWeight(snap.rewrite(candidates), ScoreMode.COMPLETE_NO_SCORES, 1f);
            long seen = 0;
            for (LeafReaderContext ctx : snap.getIndexReader().leaves()) {
                Leaf leaf = leaves.get(ctx.ord);
                Scorer s = w.scorer(ctx);
                if (s == null) continue;
                FixedBitSet c = new FixedBitSet(leaf.maxDoc);
                DocIdSetIterator it = s.iterator();
                for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) c.set(d);
                long[] cw = c.getBits();
                int nw = cw.length;
                org.apache.lucene.util.LongValues g = ordinals.toGlobal(ctx.ord);
                // The ticked values' records (one facet, any of them).
                long[] fbits = new long[nw];
                boolean[] inFacet = new boolean[leaf.values.length];
                Facet filtered = null;
                for (int o = 0; o < leaf.values.length; o++) {
                    int global = (int) g.get(o);
                    if (filters.selectedValues.get(global)) {
                        filtered = ordinals.facetOf(global);
                        long[] v = leaf.values[o];
                        for (int k = 0; k < nw; k++) fbits[k] |= v[k];
                    }
                }
                for (int o = 0; o < leaf.values.length; o++) inFacet[o] = ordinals.facetOf((int) g.get(o)) == filtered;
                long[] hits = new long[nw], nearBits = range ? new long[nw] : null;
                int[] nonZero = new int[nw];
                int nz = 0;
                for (int k = 0; k < nw; k++) {
                    hits[k] = cw[k] & fbits[k];
                    if (range) nearBits[k] = cw[k] & ~fbits[k];
                    if (cw[k] != 0) nonZero[nz++] = k;
                    seen += Long.bitCount(cw[k]);
                }
                for (int k = 0; k < nz; k++) total += Long.bitCount(hits[nonZero[k]]);
                for (int o = 0; o < leaf.values.length; o++) {
                    long[] v = leaf.values[o];
                    int h = 0, m = 0;
                    for (int j = 0; j < nz; j++) {
                        int k = nonZero[j];
                        h += Long.bitCount(hits[k] & v[k]);
                        if (range) m += Long.bitCount(nearBits[k] & v[k]);
                    }
                    int global = (int) g.get(o);
                    values[global] += h;
                    if (range) {
                        if (inFacet[o]) values[global] += m; else others[global] += m;
                    }
                }
                if (range) for (int j = 0; j < nz; j++) near += Long.bitCount(nearBits[nonZero[j]]);
                for (int y = 0; y < leaf.years.length; y++) {
                    long[] v = leaf.years[y];
                    int h = 0;
                    for (int j = 0; j < nz; j++) h += Long.bitCount(hits[nonZero[j]] & v[nonZero[j]]);
                    years[leaf.firstYear + y] += h;
                }
                for (int y = 0; y < leaf.decades.length; y++) {
                    long[] v = leaf.decades[y];
                    int h = 0;
                    for (int j = 0; j < nz; j++) h += Long.bitCount(hits[nonZero[j]] & v[nonZero[j]]);
                    decades[leaf.firstDecade + y] += h;
                }
            }
            return seen;
        }

        String differs(FacetCounter.Counts old, int[] oldOthers, RequestFilters filters, Ordinals ordinals, boolean range) {
            if (old.total != total) return "total " + old.total + " " + total;
            if (!Arrays.equals(old.values, values)) return "values";
            if (!Arrays.equals(old.years, years)) return "years";
            if (!Arrays.equals(old.decadesAnyDate, decades)) return "decades";
            if (range && !Arrays.equals(oldOthers, others)) return "others";
            if (range && old.failingOnly[Filter.of(ordinals.facetOf(filters.selectedValues.nextSetBit(0))).ordinal()] != near) return "near";
            return null;
        }
    }
}
