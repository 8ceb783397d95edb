package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.dossier.documents.Slugs;

/**
 * What to offer a reader as they type in a search box: people and places whose name, or another
 * form of it ("Filippov" for Stalin), has a word that starts with what they typed, those in the
 * most records first (by their preferred name when it matches); then words of the titles and summaries that complete the last word typed,
 * the most frequent first, each written as the catalogue writes it ({@link AsWritten}). Only names and words some record has are offered. Misspellings and
 * full-name-only forms ("Kim") are never offered: the reader is given a form that finds what it
 * says. Bounded: names are a list in memory, and at most {@value #MAX_TERMS_SCANNED} index words
 * are looked at per request.
 */
final class Suggestions {

    /** The most suggestions one request gets. */
    static final int MAX = 10;
    /** The longest text suggestions are looked up for; longer is no longer typing a word. */
    static final int MAX_TEXT = 100;
    static final int MIN_WORD_PREFIX = 2;
    static final int MIN_WORD_LENGTH = 3;
    static final int MAX_TERMS_SCANNED = 2_000;
    private static final String MISSPELLING = "misspelling";
    private static final Set<String> NOT_OFFERED = Set.of(MISSPELLING, Names.FULL_NAME_ONLY);

    /**
     * One form of a name, folded for matching, and folded with its initials run together
     * ({@code joined}: "iv stalin" for "I.V. Stalin"), as a reader types them and the index
     * searches them.
     */
    private record Entry(String folded, String joined, String form, Facet facet, String key, String label,
                         boolean preferred) {
        Entry(String folded, String form, Facet facet, String key, String label, boolean preferred) {
            this(folded, joinedInitials(folded), form, facet, key, label, preferred);
        }

        boolean startsWith(String typed) {
            return folded.startsWith(typed) || joined.startsWith(typed);
        }

        boolean hasWordStarting(String typed) {
            return folded.contains(" " + typed) || joined.contains(" " + typed);
        }
    }

    /** Two or more single letters in a row: a name's initials, with their stops folded to spaces. */
    private static final Pattern INITIALS = Pattern.compile("\\b\\p{L}(?: \\p{L}\\b)+");

    /**
     * How many records the engine's own search for a text finds (its words, their stems and the
     * names they expand to, withdrawn and replaced records never counted). A suggestion's number
     * is this, not a word's document frequency: the frequency counts a record's older versions
     * until their segment is merged, and only the exact form, whereas choosing the suggestion
     * searches for it and finds stems and names too. The frequencies only choose the candidates.
     */
    interface Found {
        /** What each of {@code texts} finds, asked at once (one query of a collection for all). */
        Map<String, Long> of(List<String> texts) throws IOException;
    }

    private final List<Entry> entries;
    /** The names' words as the lists write them, for the words offered. */
    private final Names names;
    private final AsWritten asWritten;

    /** Misspellings of a name that are one word ("shytkov"), as the index folds them: never offered as words either. */
    private final Set<String> misspelt;

    private Suggestions(List<Entry> entries, Names names, AsWritten asWritten, Set<String> misspelt) {
        this.entries = entries;
        this.names = names;
        this.asWritten = asWritten;
        this.misspelt = misspelt;
    }

    /** The names of {@code forms} to offer; {@code names}, read from the same forms, write the words offered. */
    static Suggestions of(List<Names.Form> forms, Names names, Analyzer analyzer) {
        Map<String, Entry> unique = new LinkedHashMap<>();
        Set<String> labelled = new HashSet<>();
        Set<String> misspelt = new HashSet<>();
        for (Names.Form form : forms) {
            if (NOT_OFFERED.contains(form.kind())) {
                List<String> words = Names.tokens(analyzer, form.name());
                if (form.kind().equals(MISSPELLING) && words.size() == 1) {
                    misspelt.add(words.get(0));
                }
                continue;
            }
            String id = form.facet().key() + "/" + form.key();
            if (labelled.add(id)) {
                String label = searchable(form.label());
                unique.putIfAbsent(id + "/" + label,
                        new Entry(fold(label), label, form.facet(), form.key(), form.label(), true));
            }
            String name = searchable(form.name());
            unique.putIfAbsent(id + "/" + name, new Entry(fold(name), name, form.facet(), form.key(), form.label(),
                    form.name().equals(form.label())));
        }
        return new Suggestions(List.copyOf(unique.values()), names, new AsWritten(analyzer), Set.copyOf(misspelt));
    }

    /**
     * Up to {@code limit} suggestions for {@code text}: names first, then words, each with how many
     * records choosing it finds ({@code found}), the most first; one that finds none is not offered.
     *
     * <p>Asked of the index in four questions at most, which on SolrCloud are four requests: the
     * words that complete the last one typed; how many records have each name and each of the
     * likeliest of those words, at once; how the words chosen are written; what choosing each name
     * and word finds, at once. (Names and words were asked apart, six requests a keystroke.) Only
     * when a name that records have finds nothing by its own search, which leaves its place to a
     * word, are the words chosen again, with more questions.
     */
    List<Suggestion> suggest(WordStatistics index, String text, int limit, Found found) throws IOException {
        String folded = fold(text);
        if (folded.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<String, Named> candidates = names(folded, fold(text.replace(".", "")));
        Completing completing = text.endsWith(" ") ? null : Completing.of(text);
        List<WordStatistics.Word> words = completing == null ? List.of() : candidates(index, completing);
        // How many records have each name, and how many a reader can find have each of the likeliest words, at once.
        Map<String, List<String>> asked = new HashMap<>();
        for (Facet facet : List.of(Facet.PERSON, Facet.PLACE)) {
            asked.put(facet.key(), candidates.values().stream().filter(n -> n.entry().facet() == facet)
                    .map(n -> n.entry().key()).distinct().toList());
        }
        Set<String> forms = new HashSet<>();
        candidates.values().forEach(n -> forms.add(fold(n.entry().form())));
        asked.put(IndexLayout.TEXT, likeliest(words, completing, forms, limit));
        boolean asking = asked.values().stream().anyMatch(terms -> !terms.isEmpty());
        WordStatistics.Counts counts = asking ? index.count(asked) : new WordStatistics.Counts(0, Map.of());
        Map<String, Long> live = new HashMap<>();
        asked.get(IndexLayout.TEXT).forEach(word -> live.put(word, counts.of(IndexLayout.TEXT, word)));

        List<Suggestion> names = chosen(candidates, counts, limit);
        List<Suggestion> completions = completing == null || names.size() >= limit ? List.of()
                : completions(index, completing, words, live, limit - names.size(), names);
        List<Suggestion> both = new ArrayList<>(names);
        both.addAll(completions);
        Map<String, Long> finds = both.isEmpty() ? Map.of() : found.of(both.stream().map(Suggestion::text).distinct().toList());
        List<Suggestion> suggestions = new ArrayList<>(counted(names, finds));
        if (suggestions.size() < names.size() && completing != null) {
            // A name found nothing by its own search: the words fill its place, chosen again for it.
            completions = completions(index, completing, words, live, limit - suggestions.size(), suggestions);
            finds = completions.isEmpty() ? Map.of() : found.of(completions.stream().map(Suggestion::text).distinct().toList());
        }
        suggestions.addAll(counted(completions, finds));
        return suggestions;
    }

    /** {@code candidates} with what choosing each finds ({@code finds}), those that find nothing left out, the most first (a stable sort). */
    private static List<Suggestion> counted(List<Suggestion> candidates, Map<String, Long> finds) {
        List<Suggestion> counted = new ArrayList<>();
        for (Suggestion candidate : candidates) {
            long records = finds.getOrDefault(candidate.text(), 0L);
            if (records > 0) {
                counted.add(new Suggestion(candidate.text(), candidate.kind(), candidate.label(), (int) records));
            }
        }
        counted.sort(Comparator.comparingInt(s -> -s.records()));
        return counted;
    }

    /** A name's form that matches what was typed, and whether from its start. */
    private record Named(Entry entry, boolean atStart) {
    }

    /**
     * The names with a form that matches what was typed, one form each. {@code asTyped} is what was
     * typed folded with its stops left out: "iv" for "iv", "i v" for "I. V.".
     */
    private Map<String, Named> names(String folded, String asTyped) {
        Map<String, Named> best = new LinkedHashMap<>();
        for (Entry entry : entries) {
            boolean atStart = entry.startsWith(folded);
            if (!atStart && !entry.hasWordStarting(folded)) {
                continue;
            }
            String id = entry.facet().key() + "/" + entry.key();
            Named found = best.get(id);
            // The preferred name when it matches; else the form that matches from its start, and
            // of those the one written as typed ("I.V. Stalin" for "iv", "I. V. Stalin" for "I. V.").
            if (found == null || entry.preferred() && !found.entry().preferred()
                    || !found.entry().preferred() && atStart && !found.atStart()
                    || !found.entry().preferred() && atStart && writtenAs(entry, asTyped)
                    && !writtenAs(found.entry(), asTyped)) {
                best.put(id, new Named(entry, atStart));
            }
        }
        return best;
    }

    /** Up to {@code limit} of the names, those in the most records ({@code records}) first; none in no record. */
    private static List<Suggestion> chosen(Map<String, Named> names, WordStatistics.Counts records, int limit) {
        record Counted(Named named, long records) {
        }
        return names.values().stream()
                .map(n -> new Counted(n, records.of(n.entry().facet().key(), n.entry().key())))
                .filter(c -> c.records() > 0)
                .sorted(Comparator.comparingLong((Counted c) -> -c.records()).thenComparing(c -> !c.named().atStart())
                        .thenComparing(c -> c.named().entry().form()))
                .limit(limit)
                .map(c -> new Suggestion(c.named().entry().form(), c.named().entry().facet() == Facet.PERSON
                        ? Suggestion.PERSON : Suggestion.PLACE, c.named().entry().label(), (int) c.records()))
                .toList();
    }

    /**
     * The last word typed, to complete, and what comes before it; null when it is too short or not
     * made of letters and digits.
     */
    private record Completing(String head, String prefix, boolean capital) {
        static Completing of(String text) {
            String typed = text.strip();
            int cut = typed.lastIndexOf(' ') + 1;
            String prefix = fold(typed.substring(cut));
            if (prefix.length() < MIN_WORD_PREFIX || !prefix.chars().allMatch(Character::isLetterOrDigit)) {
                return null;
            }
            return new Completing(typed.substring(0, cut), prefix, Character.isUpperCase(typed.codePointAt(cut)));
        }

        /** Whether {@code word} would only repeat one of {@code names} ({@code fold}ed), offered already. */
        boolean repeats(WordStatistics.Word word, Set<String> names) {
            return names.contains(fold(head + word.text()));
        }
    }

    private static final Comparator<WordStatistics.Word> MOST = Comparator
            .comparingLong((WordStatistics.Word w) -> -w.records()).thenComparing(WordStatistics.Word::text);

    /** Words of the index that complete the last word typed, the most frequent first (their frequencies, which count replaced versions). */
    private List<WordStatistics.Word> candidates(WordStatistics index, Completing completing) throws IOException {
        return index.startingWith(IndexLayout.TEXT, completing.prefix(), MAX_TERMS_SCANNED).stream()
                .filter(w -> w.text().length() >= MIN_WORD_LENGTH && w.text().chars().allMatch(Character::isLetter))
                // The word typed whole completes nothing: "Kim" typed is not offered "Kim" (once
                // "kim", as the index folds it, which only looked like another word).
                .filter(w -> !w.text().equals(completing.prefix()) && !misspelt.contains(w.text()))
                .sorted(MOST)
                .toList();
    }

    /**
     * The words to count first, with the names' records: the most frequent, {@code limit} of them
     * besides any that only repeat a name that may be offered ({@code forms}), so that they are
     * enough, however many names are offered, unless their records a reader can find are fewer.
     */
    private static List<String> likeliest(List<WordStatistics.Word> words, Completing completing, Set<String> forms,
                                          int limit) {
        List<String> likeliest = new ArrayList<>();
        int others = 0;
        for (WordStatistics.Word word : words) {
            if (others == limit) {
                break;
            }
            likeliest.add(word.text());
            others += completing.repeats(word, forms) ? 0 : 1;
        }
        return likeliest;
    }

    /**
     * Up to {@code limit} of {@code words} that complete the last word typed, kept after what comes
     * before it, written as the catalogue writes them; {@code live} holds the records a reader can
     * find of those counted already, and takes those counted here.
     */
    private List<Suggestion> completions(WordStatistics index, Completing completing, List<WordStatistics.Word> words,
                                         Map<String, Long> live, int limit, List<Suggestion> names) throws IOException {
        Set<String> offered = new HashSet<>();
        names.forEach(n -> offered.add(fold(n.text())));
        List<WordStatistics.Word> candidates = words.stream().filter(w -> !completing.repeats(w, offered)).toList();
        // Their frequencies still count records' replaced versions: the words in the most records
        // a reader can find are chosen by counting those, the likeliest first, until no word
        // further down (whose live records are at most its frequency) could be among them.
        List<WordStatistics.Word> counted;
        while (true) {
            counted = candidates.stream().filter(w -> live.getOrDefault(w.text(), 0L) > 0)
                    .map(w -> new WordStatistics.Word(w.text(), live.get(w.text()))).sorted(MOST).toList();
            List<WordStatistics.Word> uncounted = candidates.stream().filter(w -> !live.containsKey(w.text())).toList();
            if (uncounted.isEmpty() || counted.size() >= limit
                    && uncounted.get(0).records() < counted.get(limit - 1).records()) {
                break;
            }
            List<String> batch = uncounted.subList(0, Math.min(limit, uncounted.size())).stream()
                    .map(WordStatistics.Word::text).toList();
            WordStatistics.Counts counts = index.count(Map.of(IndexLayout.TEXT, batch));
            batch.forEach(word -> live.put(word, counts.of(IndexLayout.TEXT, word)));
        }
        // As the catalogue writes each word, not as the index folds it: "Molotov", "Korean", "chargé";
        // a word no name or sentence capitalises as the reader began it.
        List<WordStatistics.Word> chosen = counted.subList(0, Math.min(limit, counted.size()));
        List<String> written = asWritten.words(index, chosen.stream().map(WordStatistics.Word::text).toList(),
                this.names, completing.capital());
        List<Suggestion> completions = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            completions.add(new Suggestion(completing.head() + written.get(i), Suggestion.WORD, null,
                    (int) chosen.get(i).records()));
        }
        return completions;
    }

    private static boolean writtenAs(Entry entry, String asTyped) {
        return fold(entry.form().replace(".", "")).startsWith(asTyped);
    }

    /**
     * {@code folded} with each run of initials written as one word ("i v stalin" as "iv stalin"),
     * as the index reads "I.V." and as a reader types an initialism without its stops.
     */
    static String joinedInitials(String folded) {
        return INITIALS.matcher(folded).replaceAll(run -> run.group().replace(" ", ""));
    }

    /** A name as one searches for it: "North Korea (DPRK)" without its bracketed gloss. */
    private static String searchable(String name) {
        String bare = name.replaceFirst("\\s*\\([^()]*\\)\\s*$", "");
        return bare.isBlank() ? name : bare;
    }

    /** Case, accents and punctuation folded away, words one space apart: how names are compared. */
    static String fold(String text) {
        return Slugs.foldToAscii(text).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
