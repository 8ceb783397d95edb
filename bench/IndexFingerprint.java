import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * What a search index holds, as digests that do not depend on how it was built (segments, document
 * numbers): per field, every term with every record (by its id) it occurs in, its frequency and
 * positions, and norms; every record's stored fields and doc values; the points' counts. Two
 * builds of the same catalogue are equivalent when every line printed is the same.
 *
 * <pre>java -cp target/dossier.jar bench/IndexFingerprint.java INDEX_FOLDER</pre>
 */
public class IndexFingerprint {

    public static void main(String[] args) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(args[0])))) {
            System.out.printf(Locale.ROOT, "documents %,d (deleted %,d), commit %s%n", reader.numDocs(),
                    reader.numDeletedDocs(), new TreeMap<>(reader.getIndexCommit().getUserData()));
            Map<String, long[]> counts = new TreeMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                int[] ids = new int[segment.maxDoc()];
                NumericDocValues idColumn = DocValues.getNumeric(segment, "id");
                for (int d = 0; d < ids.length; d++) {
                    ids[d] = idColumn.advanceExact(d) ? (int) idColumn.longValue() : -1;
                }
                for (FieldInfo field : segment.getFieldInfos()) {
                    String name = field.name;
                    if (field.getIndexOptions() != IndexOptions.NONE) {
                        Terms terms = segment.terms(name);
                        // Per (term, record): summed over records by adding digests, so that order does not count.
                        long[] sum = counts.computeIfAbsent("postings " + name, k -> new long[3]);
                        TermsEnum each = terms.iterator();
                        PostingsEnum postings = null;
                        for (BytesRef term = each.next(); term != null; term = each.next()) {
                            sum[0]++;
                            postings = each.postings(postings, PostingsEnum.ALL);
                            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                                StringBuilder line = new StringBuilder(term.utf8ToString()).append('|').append(ids[d])
                                        .append('|').append(postings.freq());
                                if (field.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0) {
                                    for (int i = 0; i < postings.freq(); i++) {
                                        line.append(',').append(postings.nextPosition());
                                    }
                                }
                                sum[1] += hash(line.toString());
                                sum[2]++;
                            }
                        }
                        if (field.hasNorms()) {
                            long[] norms = counts.computeIfAbsent("norms " + name, k -> new long[3]);
                            NumericDocValues values = segment.getNormValues(name);
                            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                                norms[1] += hash(ids[d] + "|" + values.longValue());
                                norms[2]++;
                            }
                        }
                    }
                    if (field.getPointDimensionCount() > 0) {
                        PointValues points = segment.getPointValues(name);
                        long[] p = counts.computeIfAbsent("points " + name, k -> new long[3]);
                        p[0] += points.size();
                        p[2] += points.getDocCount();
                        p[1] += hash(HexFormat.of().formatHex(points.getMinPackedValue()) + HexFormat.of().formatHex(points.getMaxPackedValue()));
                    }
                    long[] dv = counts.computeIfAbsent("docvalues " + name, k -> new long[3]);
                    switch (field.getDocValuesType()) {
                        case NUMERIC -> {
                            NumericDocValues values = segment.getNumericDocValues(name);
                            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                                dv[1] += hash(ids[d] + "|" + values.longValue());
                                dv[2]++;
                            }
                        }
                        case SORTED -> {
                            SortedDocValues values = segment.getSortedDocValues(name);
                            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                                dv[1] += hash(ids[d] + "|" + values.lookupOrd(values.ordValue()).utf8ToString());
                                dv[2]++;
                            }
                        }
                        case SORTED_SET -> {
                            SortedSetDocValues values = segment.getSortedSetDocValues(name);
                            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                                StringBuilder line = new StringBuilder().append(ids[d]);
                                for (int i = 0; i < values.docValueCount(); i++) {
                                    line.append('|').append(values.lookupOrd(values.nextOrd()).utf8ToString());
                                }
                                dv[1] += hash(line.toString());
                                dv[2]++;
                            }
                        }
                        default -> counts.remove("docvalues " + name);
                    }
                }
                long[] stored = counts.computeIfAbsent("stored", k -> new long[3]);
                var fields = segment.storedFields();
                for (int d = 0; d < segment.maxDoc(); d++) {
                    Document doc = fields.document(d);
                    StringBuilder line = new StringBuilder().append(ids[d]);
                    for (IndexableField f : doc.getFields()) {
                        line.append('|').append(f.name()).append('=').append(f.stringValue());
                    }
                    stored[1] += hash(line.toString());
                    stored[2]++;
                }
            }
            counts.forEach((name, c) -> System.out.printf(Locale.ROOT, "%-28s terms (by segment) %,10d  entries %,12d  digest %016x%n",
                    name, c[0], c[2], c[1]));
        }
    }

    private static long hash(String text) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (sha[i] & 0xff);
        }
        return h;
    }
}
