import java.nio.file.Path;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * Where an import's time went, phase by phase, from a Java Flight Recorder file: every sample, Java
 * ({@code jdk.ExecutionSample}, every 10 ms under {@code settings=profile}) and native
 * ({@code jdk.NativeMethodSample}, every 20 ms: counted twice, so both are hundredths of a second),
 * by thread, then by the first of the import's own frames below the top (the phase), and for a
 * batched insert by the line that flushed it (which rows). {@code HotMethods.java} reads Java samples
 * only, and most of an import's writing thread is SQLite's native code. Run with the JDK alone:
 *
 * <pre>java bench/ImportPhases.java RECORDING.jfr</pre>
 *
 * Record with {@code java -XX:StartFlightRecording=filename=RECORDING.jfr,settings=profile -jar
 * target/dossier.jar import ...}.
 */
public class ImportPhases {
    public static void main(String[] a) throws Exception {
        String[][] phases = {
            {"BulkWriting.rebuild", "index builds"},
            {"BulkWriting.requireForeignKeys", "foreign keys checked once (PRAGMA foreign_key_check)"},
            {"CountingTrigger.makeAgain", "new live records counted, counting trigger made again"},
            {"BulkWriting.dropBeforeAdding", "indexes dropped"},
            {"NewRecords.joinTheFeed", "change feed"},
            {"RecordWriter.stampAtCommit", "records and revisions stamped with the commit's time"},
            {"NewRecords.copyShared", "revisions copied (shared)"},
            {"NewRecords.copyRevisions", "revision links copied from the records' (INSERT ... SELECT)"},
            {"ImportRun$Chunks.close", "sources sent at the end"},
            {"BatchInsert.flush", "BATCH"},
            {"RecordStore.importedAs", "identity look-ups"},
            {"SeedEntry.identity", "identity (SHA-256)"},
            {"Extractor.extract", "names (Extractor)"},
            {"NewRecords.ready", "slug and sort key"},
            {"SeedPageParser", "parse"},
            {"NewRecords.add", "NewRecords.add (binding)"},
            {"ImportRun$Chunks.write", "Chunks.write other"},
            {"commit", "commit"},
            {"Flyway", "Flyway"},
            {"ImportRun.firstPass", "first pass"},
        };
        Map<String, Map<String, Integer>> byThread = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            String type = e.getEventType().getName();
            int w;
            if (type.equals("jdk.ExecutionSample")) w = 1; else if (type.equals("jdk.NativeMethodSample")) w = 2; else continue;
            if (e.getStackTrace() == null) continue;
            RecordedThread t = e.getThread("sampledThread");
            String tn = t == null ? "?" : t.getJavaName();
            if (tn != null && tn.startsWith("ForkJoin")) tn = "ForkJoin";
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String phase = "other";
            outer:
            for (int i = 0; i < frames.size(); i++) {
                RecordedFrame f = frames.get(i);
                String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                for (String[] p : phases) {
                    if (m.contains(p[0])) {
                        phase = p[1];
                        if (phase.equals("BATCH")) {
                            // caller that tells which batch
                            for (int j = i + 1; j < frames.size(); j++) {
                                String c = frames.get(j).getMethod().getType().getName() + "." + frames.get(j).getMethod().getName() + ":" + frames.get(j).getLineNumber();
                                if (c.contains("dossier") && !c.contains("BatchInsert")) { phase = "batch from " + c.replace("org.dossier.", ""); break; }
                            }
                        }
                        break outer;
                    }
                }
            }
            if (phase.equals("other") && !frames.isEmpty()) {
                RecordedFrame f = frames.get(0);
                phase = "other: top " + f.getMethod().getType().getName() + "." + f.getMethod().getName();
            }
            byThread.computeIfAbsent(tn + (w == 2 ? " [native]" : " [java]"), k -> new HashMap<>()).merge(phase, w, Integer::sum);
        }
        for (var th : byThread.entrySet()) {
            int total = th.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (total < 20) continue;
            System.out.printf("%n== %s: %d weighted samples (~%.1f s)%n", th.getKey(), total, total / 100.0);
            th.getValue().entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(25)
                .forEach(p -> System.out.printf("  %6d  %5.1f%%  %s%n", p.getValue(), 100.0 * p.getValue() / total, p.getKey()));
        }
    }
}
