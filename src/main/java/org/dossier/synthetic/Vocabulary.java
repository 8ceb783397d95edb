package org.dossier.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the seed pages, most frequent first, without the small words that carry no
 * meaning: what synthetic titles and summaries are made of.
 */
final class Vocabulary {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'\u2019-]*\\p{L}|\\p{L}");
    private static final Set<String> SMALL = Set.of("a", "an", "and", "are", "as", "at", "be", "been", "but", "by",
            "for", "from", "had", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or",
            "that", "the", "their", "them", "they", "this", "to", "was", "were", "which", "who", "will", "with");

    private final List<String> words;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
    }

    /** Counts the words of {@code texts}; each word keeps the form it most often has. */
    static Vocabulary of(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Map<String, Integer>> forms = new HashMap<>();
        for (String text : texts) {
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                String form = m.group();
                String folded = form.toLowerCase(Locale.ROOT);
                if (SMALL.contains(folded) || folded.length() < 2) {
                    continue;
                }
                counts.merge(folded, 1, Integer::sum);
                forms.computeIfAbsent(folded, k -> new HashMap<>()).merge(form, 1, Integer::sum);
            }
        }
        List<String> ranked = new ArrayList<>(counts.keySet());
        ranked.sort(Comparator.comparing((String w) -> counts.get(w)).reversed().thenComparing(w -> w));
        List<String> words = new ArrayList<>(ranked.size());
        for (String folded : ranked) {
            words.add(forms.get(folded).entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey());
        }
        return new Vocabulary(words);
    }

    int size() {
        return words.size();
    }

    /** The word of rank {@code rank}, 0 being the most frequent. */
    String word(int rank) {
        return words.get(rank);
    }
}
