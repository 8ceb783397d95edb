package org.dossier.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.dossier.documents.DocumentDate;

/**
 * Makes realistic records from the seed vocabulary: dates over 1940-1991 (thickest around the
 * Korean War) of which some are known only to the month or the year, and one in a hundred records
 * undated; people, places and types
 * drawn with a Zipf skew from the authority lists; titles and summaries assembled from the seed
 * words, also Zipf-skewed, so that the commonest words are in a large share of the records and
 * most words in few. Pure: the same seed gives the same records.
 */
final class SyntheticCorpus {

    static final int FIRST_YEAR = 1940;
    static final int LAST_YEAR = 1991;

    private static final double WORD_SKEW = 0.8;
    private static final double NAME_SKEW = 1.1;
    private static final double TYPE_SKEW = 0.7;
    private static final String[] JOINS = {"of", "the", "and", "to", "in", "on", "with", "for"};

    private final CorpusAuthorities authorities;
    private final Vocabulary vocabulary;
    private final Zipf words;
    private final Zipf people;
    private final Zipf places;
    private final Zipf types;

    SyntheticCorpus(CorpusAuthorities authorities, Vocabulary vocabulary) {
        if (vocabulary.size() < 10) {
            throw new IllegalArgumentException("a vocabulary of " + vocabulary.size() + " words is too small");
        }
        this.authorities = authorities;
        this.vocabulary = vocabulary;
        this.words = new Zipf(vocabulary.size(), WORD_SKEW);
        this.people = new Zipf(authorities.people().size(), NAME_SKEW);
        this.places = new Zipf(authorities.places().size(), NAME_SKEW);
        this.types = new Zipf(authorities.types().size(), TYPE_SKEW);
    }

    SyntheticRecord next(RandomGenerator random) {
        CorpusAuthorities.Named type = authorities.types().get(types.next(random));
        List<CorpusAuthorities.Named> who = draw(authorities.people(), people, count(random, 2.2), random);
        List<CorpusAuthorities.Named> where = draw(authorities.places(), places, count(random, 1.8), random);
        String title = title(type, who, where, random);
        List<String> sentences = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            sentences.add(sentence(who, where, random));
        }
        SortedSet<Integer> personIds = new TreeSet<>();
        who.forEach(p -> personIds.add(p.id()));
        SortedSet<Integer> placeIds = new TreeSet<>();
        where.forEach(p -> placeIds.add(p.id()));
        return new SyntheticRecord(title, String.join(" ", sentences), date(random), type.id(), personIds, placeIds);
    }

    private String title(CorpusAuthorities.Named type, List<CorpusAuthorities.Named> who,
                         List<CorpusAuthorities.Named> where, RandomGenerator random) {
        StringBuilder title = new StringBuilder(form(type, random));
        if (who.size() >= 2) {
            title.append(" from ").append(form(who.get(0), random)).append(" to ").append(form(who.get(1), random));
        } else if (who.size() == 1) {
            title.append(" of ").append(form(who.get(0), random));
        }
        title.append(random.nextBoolean() ? ", on " : " concerning ").append(phrase(2 + random.nextInt(3), random));
        if (!where.isEmpty()) {
            title.append(" in ").append(form(where.get(0), random));
        }
        return title.toString();
    }

    private String sentence(List<CorpusAuthorities.Named> who, List<CorpusAuthorities.Named> where,
                            RandomGenerator random) {
        StringBuilder sentence = new StringBuilder();
        if (!who.isEmpty() && random.nextInt(3) > 0) {
            sentence.append(form(who.get(random.nextInt(who.size())), random)).append(' ');
        }
        sentence.append(phrase(8 + random.nextInt(10), random));
        if (!where.isEmpty() && random.nextBoolean()) {
            sentence.append(" in ").append(form(where.get(random.nextInt(where.size())), random));
        }
        String text = sentence.toString();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private String phrase(int length, RandomGenerator random) {
        StringBuilder phrase = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                phrase.append(' ');
                if (random.nextInt(4) == 0) {
                    phrase.append(JOINS[random.nextInt(JOINS.length)]).append(' ');
                }
            }
            phrase.append(vocabulary.word(words.next(random)));
        }
        return phrase.toString();
    }

    /** Mostly the preferred name, sometimes another form of it (a pseudonym, a misspelling). */
    private static String form(CorpusAuthorities.Named named, RandomGenerator random) {
        List<String> forms = named.forms();
        return forms.size() == 1 || random.nextInt(4) > 0 ? forms.get(0) : forms.get(1 + random.nextInt(forms.size() - 1));
    }

    private static List<CorpusAuthorities.Named> draw(List<CorpusAuthorities.Named> from, Zipf skew, int count,
                                                      RandomGenerator random) {
        List<CorpusAuthorities.Named> drawn = new ArrayList<>(count);
        int tries = 0;
        while (drawn.size() < Math.min(count, from.size()) && tries++ < count * 20) {
            CorpusAuthorities.Named next = from.get(skew.next(random));
            if (!drawn.contains(next)) {
                drawn.add(next);
            }
        }
        return drawn;
    }

    /** 0 to 6, around {@code mean}. */
    private static int count(RandomGenerator random, double mean) {
        int n = (int) Math.round(mean + random.nextGaussian() * 1.2);
        return Math.max(0, Math.min(6, n));
    }

    /**
     * The draw of a date's precision (0 to 99) that makes an undated record instead of one known to
     * the day: one in a hundred, as in an archive's files, so that a benchmark's catalogue and the
     * 1M catalogue have undated records to list, find, count and export.
     */
    private static final int UNDATED = 99;

    private static Optional<DocumentDate> date(RandomGenerator random) {
        int year;
        if (random.nextInt(5) < 2) {
            year = (int) Math.round(1951 + random.nextGaussian() * 3.5);
        } else {
            year = FIRST_YEAR + random.nextInt(LAST_YEAR - FIRST_YEAR + 1);
        }
        year = Math.max(FIRST_YEAR, Math.min(LAST_YEAR, year));
        int precision = random.nextInt(100);
        int month = 1 + random.nextInt(12);
        // Half the years and a fifth of the months approximate ("ca. 1951"), as an archive's undated
        // papers are; about four in a hundred spans ("1951–1953", "March–May 1951", "June 3–5,
        // 1951"), as files of telegrams and reports over weeks are. Told from the draws already made,
        // so that every record but for the flag and the span's end is the one an earlier generator
        // made from the same seed.
        if (precision < 6) {
            DocumentDate single = precision < 3 ? DocumentDate.ofYear(year).approximate() : DocumentDate.ofYear(year);
            int endYear = year + 1 + month % 3;
            return Optional.of((precision == 2 || precision == 3) && endYear <= LAST_YEAR
                    ? spanTo(single, DocumentDate.ofYear(endYear)) : single);
        }
        if (precision < 20) {
            DocumentDate single = precision < 9 ? DocumentDate.ofMonth(year, month).approximate()
                    : DocumentDate.ofMonth(year, month);
            java.time.LocalDate end = single.earliest().plusMonths(1 + year % 3);
            return Optional.of(precision == 9 && end.getYear() <= LAST_YEAR
                    ? spanTo(single, DocumentDate.ofMonth(end.getYear(), end.getMonthValue())) : single);
        }
        // The day is drawn for an undated record too, so that the records after it are the same.
        DocumentDate day = DocumentDate.ofDay(year, month, 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth()));
        if (precision == UNDATED) {
            return Optional.empty();
        }
        java.time.LocalDate end = day.earliest().plusDays(1 + month % 4);
        return Optional.of(precision == 20 && end.getYear() <= LAST_YEAR
                ? spanTo(day, DocumentDate.ofDay(end.getYear(), end.getMonthValue(), end.getDayOfMonth())) : day);
    }

    /** {@code start}, approximate or not, as a span ending at {@code end}. */
    private static DocumentDate spanTo(DocumentDate start, DocumentDate end) {
        return DocumentDate.span(start.start(), end.start(), start.circa());
    }
}
