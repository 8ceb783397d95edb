import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.dossier.authorities.Extraction;
import org.dossier.authorities.Extractor;
import org.dossier.importing.SeedPageParser;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What an import's reading thread spends finding names, alone, and what it finds: loads the
 * {@code Extractor} from the catalogue DB (its authority lists), reads the first N entries of FILE
 * (bench/seed-file.sh) into memory, then finds every entry's type, people with their roles and
 * places ROUNDS times on this one thread, printing each round's thread CPU time in ms; then the same
 * for as many texts again made at random (seed 1950) from the words of those entries and of every
 * form of every name in the lists, in any order and case, with bits of punctuation and the title's
 * shape words ("from", "to", "via", ", transmitting", quotes), which try the matcher where the seed
 * pages never do. Last, the SHA-256 of every extraction in order, for the entries and for the random
 * texts: two jars that find the same names print the same two digests. Run with each jar:
 *
 * <pre>java -cp BEFORE.jar bench/NameFinding.java DB FILE N ROUNDS</pre>
 */
public class NameFinding {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path file = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Extractor extractor;
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            var ctx = DSL.using(c, SQLDialect.SQLITE);
            extractor = Extractor.load(ctx);
            ctx.fetch("select alias from person_alias union all select alias from place_alias "
                    + "union all select pattern from document_type_pattern").forEach(r -> names.add(r.get(0, String.class)));
        }
        List<String> titles = new ArrayList<>();
        List<List<String>> summaries = new ArrayList<>();
        try (var in = Files.newInputStream(file)) {
            new SeedPageParser().read(file.getFileName().toString(), in, entry -> {
                if (titles.size() < n) {
                    titles.add(entry.title());
                    summaries.add(entry.summary());
                }
            });
        }
        List<String> randomTitles = new ArrayList<>();
        List<List<String>> randomSummaries = new ArrayList<>();
        randomTexts(titles, summaries, names, n, randomTitles, randomSummaries);
        var threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        String[] digests = new String[2];
        for (int r = 0; r < rounds; r++) {
            for (int set = 0; set < 2; set++) {
                List<String> t = set == 0 ? titles : randomTitles;
                List<List<String>> s = set == 0 ? summaries : randomSummaries;
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long cpu = threads.getCurrentThreadCpuTime();
                long found = 0;
                for (int i = 0; i < t.size(); i++) {
                    Extraction e = extractor.extract(t.get(i), s.get(i));
                    found += e.people().size() + e.places().size();
                    if (r == rounds - 1) {
                        sha.update((e.typeId() + " " + e.people() + " " + e.places() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                out.append(String.format(" %s%.0f", set == 0 ? "" : "/", (threads.getCurrentThreadCpuTime() - cpu) / 1e6));
                if (r == rounds - 1) {
                    digests[set] = HexFormat.of().formatHex(sha.digest()) + " (" + found + " names)";
                }
            }
        }
        System.out.println("CPU ms a round, the entries/the random texts:" + out);
        System.out.println("entries " + digests[0]);
        System.out.println("random  " + digests[1]);
    }

    private static final String[] GLUE = {" ", " ", " ", " ", ", ", ". ", " (via ", ") ", " from ", " to ", " From ",
        " TO ", ", transmitting ", " and ", "'s ", " \u2018", "\u2019 ", " \"", ": ", " Record of Conversation between ",
        " Diary of ", " Speech by ", "\n", "-", "  ", " [via ", "] ", ", Transmitted by "};

    /** Texts of up to 30 pieces each: words of the entries, forms of names (some in another case), glue. */
    private static void randomTexts(List<String> titles, List<List<String>> summaries, List<String> names, int n,
                                    List<String> outTitles, List<List<String>> outSummaries) {
        Random random = new Random(1950);
        List<String> words = new ArrayList<>();
        Pattern space = Pattern.compile("\\s+");
        for (int i = 0; i < Math.min(titles.size(), 5_000); i++) {
            words.addAll(List.of(space.split(titles.get(i))));
            summaries.get(i).forEach(p -> words.addAll(List.of(space.split(p))));
        }
        for (int i = 0; i < n; i++) {
            outTitles.add(text(random, words, names));
            List<String> paragraphs = new ArrayList<>();
            for (int p = random.nextInt(3); p > 0; p--) {
                paragraphs.add(text(random, words, names));
            }
            outSummaries.add(paragraphs);
        }
    }

    private static String text(Random random, List<String> words, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int k = 1 + random.nextInt(30); k > 0; k--) {
            int what = random.nextInt(10);
            String piece = what < 4 ? words.get(random.nextInt(words.size())) : names.get(random.nextInt(names.size()));
            if (what == 9) {
                piece = random.nextBoolean() ? piece.toUpperCase() : piece.toLowerCase();
            }
            text.append(piece).append(GLUE[random.nextInt(GLUE.length)]);
        }
        return text.toString().strip();
    }
}
