package org.dossier.authorities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dossier.documents.Slugs;

/**
 * Finds names in running text, word by word: "I.V. Stalin", "I. V. Stalin" and "Stalin's" are
 * the same words to it, case and accents do not count, and where names overlap the longest one
 * wins ("North Korea" is the DPRK, not Korea). Acronyms ("US", "PRC") match only in capitals, so
 * that "us" is not the United States.
 */
public final class NameMatcher {

    private record Word(String folded, String original) {
    }

    private record Name(List<String> words, boolean acronym, int id) {
    }

    private final Map<String, List<Name>> byFirstWord = new HashMap<>();

    /** Adds a form of the name of authority {@code id}. */
    public void add(String form, int id) {
        List<Word> words = words(form);
        if (words.isEmpty()) {
            return;
        }
        boolean acronym = form.chars().anyMatch(Character::isLetter)
                && form.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        List<String> folded = words.stream().map(w -> acronym ? w.original() : w.folded()).toList();
        List<Name> names = byFirstWord.computeIfAbsent(words.get(0).folded(), k -> new ArrayList<>());
        names.add(new Name(folded, acronym, id));
        names.sort(Comparator.comparingInt((Name n) -> n.words().size()).reversed());
    }

    /** The ids of every authority named in {@code text}. */
    public SortedSet<Integer> find(String text) {
        SortedSet<Integer> found = new TreeSet<>();
        List<Word> words = words(text);
        int i = 0;
        while (i < words.size()) {
            Name match = longestAt(words, i);
            if (match == null) {
                i++;
            } else {
                found.add(match.id());
                i += match.words().size();
            }
        }
        return found;
    }

    private Name longestAt(List<Word> words, int start) {
        List<Name> candidates = byFirstWord.get(words.get(start).folded());
        if (candidates == null) {
            return null;
        }
        for (Name name : candidates) {
            if (start + name.words().size() <= words.size() && matches(name, words, start)) {
                return name;
            }
        }
        return null;
    }

    private static boolean matches(Name name, List<Word> words, int start) {
        for (int k = 0; k < name.words().size(); k++) {
            Word word = words.get(start + k);
            String actual = name.acronym() ? word.original() : word.folded();
            if (!actual.equals(name.words().get(k))) {
                return false;
            }
        }
        return true;
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        for (String part : Slugs.foldToAscii(text).split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty()) {
                words.add(new Word(part.toLowerCase(Locale.ROOT), part));
            }
        }
        return words;
    }
}
