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
     */
    List<Suggestion> suggest(WordStatistics index, String text, int limit, Found found) throws IOException {
        String folded = fold(text);
        if (folded.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<Suggestion> suggestions = new ArrayList<>(counted(names(index, folded, fold(text.replace(".", "")), limit),
                found));
        if (suggestions.size() < limit && !text.endsWith(" ")) {
            suggestions.addAll(counted(words(index, text, limit - suggestions.size(), suggestions), found));
        }
        return suggestions;
    }

    /** {@code candidates} with what choosing each finds, those that find nothing left out, the most first (a stable sort). */
    private static List<Suggestion> counted(List<Suggestion> candidates, Found found) throws IOException {
        List<Suggestion> counted = new ArrayList<>();
        Map<String, Long> finds = candidates.isEmpty() ? Map.of()
                : found.of(candidates.stream().map(Suggestion::text).distinct().toList());
        for (Suggestion candidate : candidates) {
            long records = finds.getOrDefault(candidate.text(), 0L);
            if (records > 0) {
                counted.add(new Suggestion(candidate.text(), candidate.kind(), candidate.label(), (int) records));
            }
        }
        counted.sort(Comparator.comparingInt(s -> -s.records()));
        return counted;
    }

    /** {@code asTyped} is what was typed folded with its stops left out: "iv" for "iv", "i v" for "I. V.". */
    private List<Suggestion> names(WordStatistics index, String folded, String asTyped, int limit) throws IOException {
        record Found(Entry entry, boolean atStart) {
        }
        Map<String, Found> best = new LinkedHashMap<>();
        for (Entry entry : entries) {
            boolean atStart = entry.startsWith(folded);
            if (!atStart && !entry.hasWordStarting(folded)) {
                continue;
            }
            String id = entry.facet().key() + "/" + entry.key();
            Found found = best.get(id);
            // The preferred name when it matches; else the form that matches from its start, and
            // of those the one written as typed ("I.V. Stalin" for "iv", "I. V. Stalin" for "I. V.").
            if (found == null || entry.preferred() && !found.entry().preferred()
                    || !found.entry().preferred() && atStart && !found.atStart()
                    || !found.entry().preferred() && atStart && writtenAs(entry, asTyped)
                    && !writtenAs(found.entry(), asTyped)) {
                best.put(id, new Found(entry, atStart));
            }
        }
        // How many records each has, asked once for all of them.
        Map<String, List<String>> keys = new HashMap<>();
        for (Facet facet : List.of(Facet.PERSON, Facet.PLACE)) {
            keys.put(facet.key(), best.values().stream().filter(f -> f.entry().facet() == facet)
                    .map(f -> f.entry().key()).distinct().toList());
        }
        WordStatistics.Counts records = best.isEmpty() ? new WordStatistics.Counts(0, Map.of()) : index.count(keys);
        record Counted(Found found, long records) {
        }
        return best.values().stream()
                .map(f -> new Counted(f, records.of(f.entry().facet().key(), f.entry().key())))
                .filter(c -> c.records() > 0)
                .sorted(Comparator.comparingLong((Counted c) -> -c.records()).thenComparing(c -> !c.found().atStart())
                        .thenComparing(c -> c.found().entry().form()))
                .limit(limit)
                .map(c -> new Suggestion(c.found().entry().form(), c.found().entry().facet() == Facet.PERSON
                        ? Suggestion.PERSON : Suggestion.PLACE, c.found().entry().label(), (int) c.records()))
                .toList();
    }

    /** Words of the index that complete the last word typed, kept after what comes before it. */
    private List<Suggestion> words(WordStatistics index, String text, int limit, List<Suggestion> names)
            throws IOException {
        String typed = text.strip();
        int cut = typed.lastIndexOf(' ') + 1;
        String head = typed.substring(0, cut);
        String prefix = fold(typed.substring(cut));
        if (prefix.length() < MIN_WORD_PREFIX || !prefix.chars().allMatch(Character::isLetterOrDigit)) {
            return List.of();
        }
        Set<String> offered = new HashSet<>();
        names.forEach(n -> offered.add(fold(n.text())));
        Comparator<WordStatistics.Word> most = Comparator.comparingLong((WordStatistics.Word w) -> -w.records())
                .thenComparing(WordStatistics.Word::text);
        List<WordStatistics.Word> candidates = index.startingWith(IndexLayout.TEXT, prefix, MAX_TERMS_SCANNED).stream()
                .filter(w -> w.text().length() >= MIN_WORD_LENGTH && w.text().chars().allMatch(Character::isLetter))
                // The word typed whole completes nothing: "Kim" typed is not offered "Kim" (once
                // "kim", as the index folds it, which only looked like another word).
                .filter(w -> !w.text().equals(prefix) && !misspelt.contains(w.text()))
                .filter(w -> !offered.contains(fold(head + w.text())))
                .sorted(most)
                .toList();
        // Their frequencies still count records' replaced versions: the words in the most records
        // a reader can find are chosen by counting those, the likeliest first, until no word
        // further down (whose live records are at most its frequency) could be among them.
        List<WordStatistics.Word> live = new ArrayList<>();
        for (int at = 0; at < candidates.size(); at += limit) {
            List<WordStatistics.Word> batch = candidates.subList(at, Math.min(candidates.size(), at + limit));
            if (live.size() >= limit && batch.get(0).records() < live.get(limit - 1).records()) {
                break;
            }
            WordStatistics.Counts counts = index.count(Map.of(IndexLayout.TEXT,
                    batch.stream().map(WordStatistics.Word::text).toList()));
            for (WordStatistics.Word word : batch) {
                long records = counts.of(IndexLayout.TEXT, word.text());
                if (records > 0) {
                    live.add(new WordStatistics.Word(word.text(), records));
                }
            }
            live.sort(most);
        }
        // As the catalogue writes each word, not as the index folds it: "Molotov", "Korean", "chargé";
        // a word no name or sentence capitalises as the reader began it.
        boolean capital = Character.isUpperCase(typed.codePointAt(cut));
        List<WordStatistics.Word> chosen = live.subList(0, Math.min(limit, live.size()));
        List<String> written = asWritten.words(index, chosen.stream().map(WordStatistics.Word::text).toList(),
                this.names, capital);
        List<Suggestion> words = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            words.add(new Suggestion(head + written.get(i), Suggestion.WORD, null, (int) chosen.get(i).records()));
        }
        return words;
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
