import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's processor time went, from a Java Flight Recorder file: of the execution samples
 * whose stack holds a method named like FILTER (all of them without one; with FILTER written
 * {@code !method}, those whose stack does not: what the profile is without that method), the share in
 * which each method starting with PREFIX was on the stack (inclusive), most first; then the methods
 * most sampled themselves, whatever their prefix (the top frame). Run with the JDK alone:
 *
 * <pre>java bench/HotMethods.java RECORDING.jfr [FILTER|-] [PREFIX] [LINES]</pre>
 *
 * With PREFIX {@code render}, the samples in a template's rendering ({@code Templates.render}) are
 * instead given each to the part of Thymeleaf's work its innermost recognised frame belongs to (OGNL,
 * ModelCalls, the model's own methods, escaping, the writer, fragment inclusion, th:each, the
 * expression parser, the attribute processors, the engine): where a page's template time goes.
 *
 * Record with {@code java -XX:StartFlightRecording=filename=RECORDING.jfr,settings=profile -jar ...}.
 * Shares are of samples, so they hold on a busy machine where times do not.
 */
public class HotMethods {

    public static void main(String[] args) throws Exception {
        String asked = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        boolean leaveOut = asked != null && asked.startsWith("!");
        String filter = leaveOut ? asked.substring(1) : asked;
        String prefix = args.length > 2 ? args[2] : "org.";
        int lines = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
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
                if (filter != null && methods.stream().anyMatch(m -> m.contains(filter)) == leaveOut) {
                    continue;
                }
                if (prefix.equals("render")) {
                    if (methods.stream().anyMatch(m -> m.startsWith("org.dossier.web.Templates.render"))) {
                        samples++;
                        inclusive.merge(renderPart(methods), 1, Integer::sum);
                        own.merge(methods.get(0), 1, Integer::sum);
                    }
                    continue;
                }
                samples++;
                if (!methods.isEmpty()) {
                    own.merge(methods.get(0), 1, Integer::sum);
                }
                Set<String> counted = new HashSet<>(); // a recursive method counts once a sample
                for (String method : methods) {
                    if (method.startsWith(prefix) && counted.add(method)) {
                        inclusive.merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        int all = samples;
        if (prefix.equals("render")) {
            System.out.printf(Locale.ROOT, "%d samples in Templates.render, by part (innermost recognised frame):%n", all);
        }
        System.out.printf(Locale.ROOT, "%d samples%s%n", all,
                filter == null ? "" : (leaveOut ? " without " : " with ") + filter + " on the stack");
        inclusive.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(lines)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6d %5.1f%% %s%n", e.getValue(), 100.0 * e.getValue() / all, e.getKey()));
        System.out.println("their own samples (the top frame):");
        own.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(lines)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6d %5.1f%% %s%n", e.getValue(), 100.0 * e.getValue() / all, e.getKey()));
    }

    /** The parts of a template's rendering, tried in order on each frame from the innermost out: the first that matches takes the sample. */
    private static final String[][] RENDER_PARTS = {
        {"ognl.", "OGNL"},
        {"org.thymeleaf.standard.expression.OGNL", "OGNL"},
        {"org.unbescape.", "escaping (unbescape)"},
        {"org.dossier.web.ModelCalls", "ModelCalls itself (lookups, method handles)"},
        {"org.dossier.", "the model's own methods"},
        {"org.thymeleaf.util.FastStringWriter", "the output writer"},
        {"org.thymeleaf.engine.OutputTemplateHandler", "the output writer"},
        {"org.thymeleaf.util.EscapedAttributeUtils", "escaping (unbescape)"},
        {"org.thymeleaf.util.NumberUtils", "#numbers"},
        {"org.thymeleaf.cache.", "the caches (template, expression)"},
        {"org.thymeleaf.standard.expression.FragmentExpression", "fragment inclusion (resolving, parameters)"},
        {"org.thymeleaf.standard.expression.FragmentSignature", "fragment inclusion (resolving, parameters)"},
        {"org.thymeleaf.standard.processor.AbstractStandardFragmentInsertionTagProcessor", "fragment inclusion (resolving, parameters)"},
        {"org.thymeleaf.engine.TemplateManager", "fragment inclusion (resolving, parameters)"},
        {"org.thymeleaf.standard.expression.VariableExpression", "a ${…}'s evaluation around its evaluator"},
        {"org.thymeleaf.standard.expression.StandardExpressionParser", "expressions parsed or looked up"},
        {"org.thymeleaf.standard.expression.ExpressionParsingUtil", "expressions parsed or looked up"},
        {"org.thymeleaf.standard.expression.StandardExpressions", "expressions parsed or looked up"},
        {"org.thymeleaf.standard.expression.", "Thymeleaf's own operators and literals"},
        {"org.thymeleaf.standard.processor.StandardEachTagProcessor", "th:each"},
        {"org.thymeleaf.engine.IteratedGatheringModelProcessable", "th:each"},
        {"org.thymeleaf.standard.processor.", "the attribute processors"},
        {"org.thymeleaf.processor.", "the attribute processors"},
        {"org.thymeleaf.", "the engine (events, elements, attributes, contexts)"},
    };

    private static String renderPart(List<String> methods) {
        for (String method : methods) {
            if (method.startsWith("org.dossier.web.Templates")) {
                break;
            }
            for (String[] part : RENDER_PARTS) {
                if (method.startsWith(part[0])) {
                    return part[1];
                }
            }
        }
        return "the JDK, called by the rendering";
    }
}
