package org.dossier.catalogue;

import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.DatePoint;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;
import org.dossier.search.DateBound;
import org.dossier.search.DateFilter;
import org.dossier.search.QuestionWords;
import org.dossier.search.SearchRequest;

/**
 * A date the reader typed among the words ("korea june 1950", "telegram 25 June 1950", "1950-06-25",
 * "15.3.1962"), or a span of years or of months of one year ("kim 1961–1962", "kim March–May 1951"),
 * or the words an archive writes for no date ("undated letter", "stalin n.d."). Searched as words it
 * finds the records that print it, not the records of that date (nor the undated ones: their date is
 * in no record's words); the search page offers the same search with the date as a range instead,
 * or with the undated records chosen (see {@link CatalogueSearch}).
 *
 * @param from    the date, or a span's start, as a range's bound of its own precision; null for no date
 * @param to      the date again, or a span's end; null for no date
 * @param rest    the other words, as typed; empty when the words were the date alone
 * @param instead the search with the other words, dated from {@code from} to {@code to}, or undated
 */
public record DateInWords(DateBound from, DateBound to, String rest, SearchRequest instead) {

    public DateInWords {
        if ((from == null) != (to == null) || rest == null || instead == null) {
            throw new IllegalArgumentException("a date among the words needs both its bounds or neither (no date),"
                    + " the other words and the search instead");
        }
    }

    /** Whether the words said the document bears no date ("n.d.", "undated"): the offer is the undated records. */
    public boolean undated() {
        return from == null;
    }

    /** A date phrase has at most four words: "25th of June 1950". */
    private static final int LONGEST = 4;

    /**
     * The date among the request's words, the longest phrase first and the earliest of those, else
     * the words of no date; empty when there is neither, when the words use quotes (a phrase is
     * meant as written), or when the search already has a range or years to say which dates it
     * wants (or, for no date, has the undated records chosen already).
     */
    public static Optional<DateInWords> in(SearchRequest request) {
        String text = request.searchedText();
        if (!request.hasText() || text.indexOf('"') >= 0 || request.dates() instanceof DateFilter.DatedIn) {
            return Optional.empty();
        }
        // As the words are searched: "kim september 1950?" asks about September 1950.
        List<String> words = Arrays.asList(text.split("\\s+"));
        for (int length = Math.min(LONGEST, words.size()); length >= 1; length--) {
            for (int start = 0; start + length <= words.size(); start++) {
                String phrase = String.join(" ", words.subList(start, start + length));
                Matcher dotted = DOTTED.matcher(phrase);
                if (!dotted.matches() && !DocumentDate.looksLikeDate(phrase)) {
                    continue;
                }
                Optional<DocumentDate> date = dotted.matches() ? dottedDate(dotted) : realDate(phrase);
                if (date.isEmpty()) {
                    // "June 31, 1950": offering 1950 instead would answer what was not asked.
                    return Optional.empty();
                }
                if (date.get().isSpan() && !plainSpan(phrase, date.get())) {
                    // "1961/1962", "3-5 June 1961", "1961 to 1962": a fiscal year, a number or a phrase of
                    // a title as likely as a span, or a span too fine to offer as a range at a glance.
                    continue;
                }
                DateBound from = DateBound.of(date.get());
                DateBound to = date.get().end().map(end -> DateBound.of(new DocumentDate(end.earliest(), end.precision())))
                        .orElse(from);
                String rest = rest(words, start, length);
                return Optional.of(new DateInWords(from, to, rest, request.withText(rest).between(from, to)));
            }
        }
        return request.dates() instanceof DateFilter.Undated ? Optional.empty() : noDateIn(request, words);
    }

    /**
     * The words of no date among the words ("undated", "n.d.", "[s.d.]", "no date": what an import
     * and the record form read as a document bearing none, {@link DocumentDate#saysUndated}), as
     * the undated records over the other words.
     */
    private static Optional<DateInWords> noDateIn(SearchRequest request, List<String> words) {
        for (int length = 2; length >= 1; length--) {
            for (int start = 0; start + length <= words.size(); start++) {
                if (DocumentDate.saysUndated(String.join(" ", words.subList(start, start + length)))) {
                    String rest = rest(words, start, length);
                    return Optional.of(new DateInWords(null, null, rest, request.withText(rest).undatedOnly(true)));
                }
            }
        }
        return Optional.empty();
    }

    /** The words but the {@code length} from {@code start}, as typed. */
    private static String rest(List<String> words, int start, int length) {
        return (String.join(" ", words.subList(0, start)) + " "
                + String.join(" ", words.subList(start + length, words.size()))).strip();
    }

    /** "September 1950", or a span as a record's date is written: "1961–1962", "March–May 1951"; "Undated" for no date. */
    public String display() {
        if (undated()) {
            return DocumentDate.UNDATED;
        }
        return from.equals(to) ? from.display()
                : DocumentDate.span(from.date().start(), to.date().start(), false).display();
    }

    /**
     * Whether a span among the words is one a reader means as dates and nothing else: two years or
     * two months of one year joined by an en dash or a hyphen ("1961–1962", "March–May 1951").
     */
    private static boolean plainSpan(String phrase, DocumentDate span) {
        DatePoint start = span.start();
        DatePoint end = span.end().orElseThrow();
        boolean dashed = (phrase.indexOf('\u2013') >= 0 || phrase.indexOf('-') >= 0) && phrase.indexOf('/') < 0
                && phrase.indexOf('\u2014') < 0 && !phrase.contains(" to ") && !phrase.regionMatches(true, 0, "between", 0, 7);
        return dashed && start.precision() == end.precision() && (start.precision() == DatePrecision.YEAR
                || start.precision() == DatePrecision.MONTH && start.year() == end.year());
    }

    /**
     * The same date over the words a question asks about: "what happened in June 1950?" asks for
     * every record of June 1950, "what did Kim say in June 1950" for Kim's ({@link QuestionWords});
     * empty when the other words have none of a question's.
     */
    public Optional<DateInWords> asked() {
        String words = QuestionWords.leftOut(rest);
        return words.equals(rest) ? Optional.empty() : Optional.of(new DateInWords(from, to, words, instead.withText(words)));
    }

    /**
     * A day written with stops, day first, as Central and Eastern European papers and their readers
     * write it ("15.3.1962", "15.03.1962", "15. 3. 1962", "3.II.1962" with the month in Roman
     * numerals): no one writes the month first with stops, so it is never ambiguous, as "3/2/1962"
     * is (which is not read). Only here, for a search: an import still tells such a line it cannot read it.
     */
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\. ?(\\d{1,2}|[IVX]{1,4})\\. ?(\\d{4})");
    private static final List<String> ROMAN_MONTHS = List.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
            "XI", "XII");

    /** The day a {@link #DOTTED} phrase writes; empty when it is no real day or of no year a catalogue holds. */
    private static Optional<DocumentDate> dottedDate(Matcher dotted) {
        String written = dotted.group(2);
        int month = Character.isDigit(written.charAt(0)) ? Integer.parseInt(written) : ROMAN_MONTHS.indexOf(written) + 1;
        int year = Integer.parseInt(dotted.group(3));
        try {
            return year >= DocumentDate.FIRST_YEAR && year <= 2999
                    ? Optional.of(DocumentDate.ofDay(year, month, Integer.parseInt(dotted.group(1))))
                    : Optional.empty();
        } catch (DateTimeException notARealDay) {
            return Optional.empty();
        }
    }

    /** The date a date-shaped phrase writes; empty when it is no real day or of no year a catalogue holds ("0950"). */
    private static Optional<DocumentDate> realDate(String phrase) {
        try {
            DocumentDate date = DocumentDate.parse(phrase);
            int year = date.earliest().getYear();
            return year >= 1000 && year <= 2999 ? Optional.of(date) : Optional.empty();
        } catch (IllegalArgumentException notARealDate) {
            return Optional.empty();
        }
    }
}
