import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the load mix's processor time went, by kind of request and by part: each execution sample
 * of a flight recording is given to the request that was being answered when it was taken (the
 * requests asked one at a time by {@code bench/MixReplay.java}, which wrote down when), whatever
 * thread it was taken on (the search threads' slices of a request too), and to the first part of
 * {@link #PARTS} any frame of its stack names. A search page is told apart by its
 * {@code Server-Timing} (the node served with {@code --server-timing}): "page kept" when it has no
 * {@code render} part (its page was kept from before, {@code KeptPages}). Run with the JDK alone:
 *
 * <pre>java bench/MixAttribution.java RECORDING.jfr REPLAY.tsv [PART KIND FRAMES]</pre>
 *
 * With PART, KIND and FRAMES, also the stacks (their top FRAMES frames) most sampled in that part of
 * requests of that kind. Samples, not times: a share holds on a busy machine where a time does not.
 */
public class MixAttribution {

    /** Parts, each with what its frames are named like, checked in this order: the outer part first. */
    private static final String[][] PARTS = {
        {"related records", "RelatedSearch.of", "LuceneSearchEngine.related"},
        {"compression", "java.util.zip.Deflater", "GzipHandler", "CompressionHandler"},
        {"template rendering", "Templates.render", "org.thymeleaf"},
        {"page model", "SearchView", "SearchWording", "SearchLinks"},
        {"COinS and citations", "SearchPage.coins", "Citations.current", "CiteBox", "RecordJsonLd"},
        {"counting pass", "Searching$Counted", "FacetCounter", "LeafCounter", "SliceCounter"},
        {"ranking", "Searching.top", "FirstHits", "TopByScore", "Searching.hits", "Searching.ranked"},
        {"highlights", "Highlights", "HighlightedText", "UnifiedHighlighter"},
        {"value tallies", "ValueTallies", "LiveTallies"},
        {"spelling", "Spelling"},
        {"export rows", "SearchExport", "CsvFormat"},
        {"database reads", "org.jooq", "org.sqlite", "ListingQuery", "RecordQueries", "com.zaxxer"},
        // Not "KeptAnswers" alone: every search a kept store does not hold runs inside KeptAnswers.keptOr,
        // whose work (the counting, the stepping) belongs to the parts below; only the store's own work is named.
        {"kept answers and pages", "KeptAnswers.weight", "KeptAnswers$Asked", "KeptAnswers$Identity", "KeptPages",
            "GzippedPage", "com.github.benmanes.caffeine"},
        {"engine, other (Lucene stepping)", "LuceneSearchEngine", "Snapshot", "org.apache.lucene"},
        {"handler, other", "org.dossier"},
        {"Jetty and Javalin", "org.eclipse.jetty", "io.javalin"},
    };

    private record Request(long asked, long answered, String kind) {
    }

    public static void main(String[] args) throws Exception {
        List<Request> requests = new ArrayList<>();
        Map<String, Integer> requestsByKind = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] field = line.split("\t", -1);
            String kind = field[1];
            if (field[6].contains("search;dur")) {
                kind += field[6].contains("render;dur") ? " (rendered)" : " (page kept)";
            }
            requests.add(new Request(Long.parseLong(field[2]), Long.parseLong(field[3]), kind));
            requestsByKind.merge(kind, 1, Integer::sum);
        }
        String askedPart = args.length > 4 ? args[2] : null;
        String askedKind = args.length > 4 ? args[3] : null;
        int frames = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        Map<String, Integer> byPart = new HashMap<>();
        Map<String, Integer> byThread = new TreeMap<>();
        Map<String, Integer> stacks = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<String> methods = new ArrayList<>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    methods.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                }
                String kind = kindAt(requests, event.getStartTime().getEpochSecond() * 1_000_000_000L + event.getStartTime().getNano());
                String part = partOf(methods);
                samples++;
                byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(part, 1, Integer::sum);
                byPart.merge(part, 1, Integer::sum);
                RecordedThread thread = event.getThread("sampledThread");
                byThread.merge(thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName().replaceAll("[-#]?\\d+", "#"), 1, Integer::sum);
                if (part.equals(askedPart) && kind.startsWith(askedKind)) {
                    stacks.merge(String.join(" < ", methods.subList(0, Math.min(frames, methods.size()))), 1, Integer::sum);
                }
            }
        }
        int all = samples;
        System.out.printf(Locale.ROOT, "%d execution samples; by thread: %s%n%nby part:%n", all, byThread);
        print(byPart, all, "  ");
        for (Map.Entry<String, Map<String, Integer>> kind : byKind.entrySet()) {
            int sum = kind.getValue().values().stream().mapToInt(Integer::intValue).sum();
            int asked = requestsByKind.getOrDefault(kind.getKey(), 0);
            System.out.printf(Locale.ROOT, "%n%s: %d samples (%.1f %%), %d requests, %.2f samples a request%n", kind.getKey(),
                    sum, 100.0 * sum / all, asked, asked == 0 ? 0 : (double) sum / asked);
            print(kind.getValue(), all, "  ");
        }
        if (askedPart != null) {
            System.out.printf(Locale.ROOT, "%nstacks of %s in %s:%n", askedPart, askedKind);
            print(stacks, all, "  ");
        }
    }

    private static void print(Map<String, Integer> counts, int all, String indent) {
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40).forEach(e -> System.out.printf(
                Locale.ROOT, "%s%6d %5.1f %% of all  %s%n", indent, e.getValue(), 100.0 * e.getValue() / all, e.getKey()));
    }

    /** The kind of the request being answered at {@code nanos}, or "between requests". */
    private static String kindAt(List<Request> requests, long nanos) {
        int low = 0;
        int high = requests.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (requests.get(middle).asked() <= nanos) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found >= 0 && nanos <= requests.get(found).answered() ? requests.get(found).kind() : "between requests";
    }

    private static String partOf(List<String> methods) {
        for (String[] part : PARTS) {
            for (int i = 1; i < part.length; i++) {
                for (String method : methods) {
                    if (method.contains(part[i])) {
                        return part[0];
                    }
                }
            }
        }
        return "other";
    }
}
