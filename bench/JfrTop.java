import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The methods most sampled in a Java Flight Recorder file: each method's own execution samples, and
 * for Dossier's methods (org.dossier) the samples of everything they call as well.
 *
 *   java bench/JfrTop.java FILE.jfr [top, default 40] [method | '!method']
 *
 * With a method (part of "class.method"), only the samples whose stack goes through it; with
 * '!method', only those whose stack does not (what a profile costs without that method).
 */
public class JfrTop {

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String through = args.length > 2 ? args[2] : null;
        boolean leaveOut = through != null && through.startsWith("!");
        String method = leaveOut ? through.substring(1) : through;
        Map<String, Integer> own = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (method != null && frames.stream().anyMatch(f -> name(f).contains(method)) == leaveOut) {
                    continue;
                }
                samples++;
                if (!frames.isEmpty()) {
                    own.merge(name(frames.get(0)), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (name.startsWith("org.dossier") && !name.contains("$$Lambda") && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("execution samples: " + samples);
        print("their own samples", own, top);
        print("Dossier's methods, with what they call", inclusive, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int top) {
        System.out.println("| " + title + " | samples |");
        System.out.println("|---|---:|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.println("| " + e.getKey() + " | " + e.getValue() + " |"));
    }
}
