package org.dossier.documents;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A document's date as precisely as it is known: a day ("May 10, 1943"), a month ("February 1942")
 * or a year ("1950"), and whether it is approximate ("ca. 1962"). It is stored as the earliest day it
 * can mean, its precision and the approximation flag; every display and export derives from those,
 * so a month-only date is never shown as a day, nor an approximate one as certain.
 *
 * <p>A questioned date ("1962?", "[1962?]") is read as approximate, not kept apart: CSL-JSON (its
 * one {@code circa}), RIS, BibTeX's year and the Chicago, APA and MLA styles have no way to tell
 * "probably 1962" from "about 1962", so a second flag would reach no citation (only EDTF's {@code ?}
 * could carry it). Why the cataloguer doubts the date belongs in the summary.
 */
public record DocumentDate(DatePoint start, Optional<DatePoint> end, boolean circa)
        implements Comparable<DocumentDate> {

    /** The shapes a person is told to write a date in, when one could not be read. */
    public static final String SHAPES = "'May 10, 1943', '10 May 1943', 'February 1942' or '1950', 'ca. 1962'"
            + " when approximate, and '1961–1962' or 'March–April 1962' for a span";

    /**
     * The earliest year {@link #parse} reads. Four digits allow year 0 ("0000"), which no document
     * of an archive of papers has; a typo of that kind ("0195") should be refused, not shown as "195,
     * known to the year". Stored dates are not checked, so that whatever was saved before still reads.
     */
    public static final int FIRST_YEAR = 1000;

    private static final Map<String, Month> MONTHS = monthNames();
    /** {@link #MONTHS} capitalised, as dates are written ("May", "Sept"). */
    private static final Map<String, Month> MONTHS_AS_WRITTEN = capitalised(MONTHS);
    private static final String MONTH_WORD = "([A-Za-z]{3,9})\\.?";
    /** A day of the month, with the ordinal's ending some writers give it ("25th"). */
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    /** The archive's way: "June 25, 1950", "Dec. 21 1974", "June 25th, 1950". */
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(MONTH_WORD + " " + DAY + ",? (\\d{4})");
    /** The day first, as British and European papers write it: "25 June 1950", "25th of June, 1950". */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(DAY + " (?:of )?" + MONTH_WORD + ",? (\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile(MONTH_WORD + " (\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");

    public DocumentDate {
        if (start == null || end == null) {
            throw new IllegalArgumentException("a date needs a start, and an end or none");
        }
        if (end.isPresent() && !end.get().canEnd(start)) {
            throw new IllegalArgumentException("a span's end (" + end.get().exactly() + ") must come after its start ("
                    + start.exactly() + ")");
        }
    }

    /** A single date. */
    public DocumentDate(LocalDate earliest, DatePrecision precision, boolean circa) {
        this(new DatePoint(earliest, precision), Optional.empty(), circa);
    }

    /** A date known for certain. */
    public DocumentDate(LocalDate earliest, DatePrecision precision) {
        this(earliest, precision, false);
    }

    /** A span from {@code start} to {@code end}, each as precise as it is known: "1961–1962", "March–April 1962". */
    public static DocumentDate span(DatePoint start, DatePoint end, boolean circa) {
        return new DocumentDate(start, Optional.of(end), circa);
    }

    /** The earliest day the date can mean: its start's. */
    public LocalDate earliest() {
        return start.earliest();
    }

    /** How precisely the date, or a span's start, is known. */
    public DatePrecision precision() {
        return start.precision();
    }

    /**
     * How precisely the date is known, as a person reads it after "known to": "the month"; for a span
     * whose ends are known alike the same, and for one whose ends are not, both ("June 3, 1961 – 1962":
     * "the day, its end to the year"), where {@link #precision} is its start's alone.
     */
    public String knownTo() {
        String known = "the " + start.precision().key();
        return end.isPresent() && end.get().precision() != start.precision()
                ? known + ", its end to the " + end.get().precision().key() : known;
    }

    /** Whether the date is known to the day: one day, or a span whose ends are both days. */
    public boolean knownToTheDay() {
        return start.precision() == DatePrecision.DAY && end.map(e -> e.precision() == DatePrecision.DAY).orElse(true);
    }

    /** Whether the date is a span with an end of its own ("1961–1962"), not one day, month or year. */
    public boolean isSpan() {
        return end.isPresent();
    }

    /** The same date, approximate: "ca. 1962". */
    public DocumentDate approximate() {
        return new DocumentDate(start, end, true);
    }

    public static DocumentDate ofDay(int year, int month, int day) {
        return new DocumentDate(LocalDate.of(year, month, day), DatePrecision.DAY);
    }

    public static DocumentDate ofMonth(int year, int month) {
        return new DocumentDate(LocalDate.of(year, month, 1), DatePrecision.MONTH);
    }

    public static DocumentDate ofYear(int year) {
        return new DocumentDate(LocalDate.of(year, 1, 1), DatePrecision.YEAR);
    }

    /**
     * Rebuilds a date from its stored form: the key ('1942-02-01'), the precision (read as a
     * DatePrecision), whether it is approximate, and a span's end key and precision (null for a
     * single date).
     */
    public static DocumentDate fromStored(String key, DatePrecision precision, Boolean circa, String endKey,
                                          DatePrecision endPrecision) {
        Optional<DatePoint> end = endKey == null ? Optional.empty() : Optional.of(DatePoint.fromStored(endKey, endPrecision));
        return new DocumentDate(DatePoint.fromStored(key, precision), end, Boolean.TRUE.equals(circa));
    }

    /** A single date from its stored form: the key, the precision and whether it is approximate. */
    public static DocumentDate fromStored(String key, DatePrecision precision, Boolean circa) {
        return fromStored(key, precision, circa, null, null);
    }

    /**
     * A record's or a revision's date from its stored columns, empty for an undated record (its key
     * and precision NULL, V22): the one reader of what the database holds, for a row read whole.
     */
    public static Optional<DocumentDate> stored(String key, DatePrecision precision, Boolean circa, String endKey,
                                                DatePrecision endPrecision) {
        return key == null ? Optional.empty() : Optional.of(fromStored(key, precision, circa, endKey, endPrecision));
    }

    /**
     * A record's or a revision's date as one value in a query: its columns ({@code date_key},
     * {@code date_precision}, {@code date_circa}, {@code date_end_key}, {@code date_end_precision})
     * selected side by side and read back by jOOQ as {@link #stored}, so that {@code row.get(date)}
     * needs no parsing at the call site, and is empty for an undated record.
     */
    @SuppressWarnings("unchecked")
    public static Field<Optional<DocumentDate>> stored(Field<String> key, Field<DatePrecision> precision,
                                                       Field<Boolean> circa, Field<String> endKey,
                                                       Field<DatePrecision> endPrecision) {
        Class<Optional<DocumentDate>> optional = (Class<Optional<DocumentDate>>) (Class<?>) Optional.class;
        return DSL.field(DSL.row(key, precision, circa, endKey, endPrecision).mapping(optional, DocumentDate::stored));
    }

    /** A possibly undated record's date as every page shows it: {@link #UNDATED} for none. */
    public static String display(Optional<DocumentDate> date) {
        return date.map(DocumentDate::display).orElse(UNDATED);
    }

    /** A span's end key as stored ({@code date_end_key}), null for a single date. */
    public String endKey() {
        return end.map(DatePoint::key).orElse(null);
    }

    /** A span's end precision as stored ({@code date_end_precision}), null for a single date. */
    public DatePrecision endPrecision() {
        return end.map(DatePoint::precision).orElse(null);
    }

    /**
     * Whether a line has the shape of a date ("May 10, 1943", "10 May 1943", "1943-05-10", "February
     * 1942", "1950"), whether or not it names a real day: a seed page's date lines are told from its
     * titles and summaries by this, so a shape {@link #parse} reads must be one this knows.
     */
    public static boolean looksLikeDate(String text) {
        String t = text.strip();
        // Every shape ends in a digit, or in the '?' or ']' of an approximate one: most lines of a
        // page (titles, summaries) are told apart here, without a regular expression.
        if (t.length() < 4) {
            return false;
        }
        char last = t.charAt(t.length() - 1);
        if (!isDigit(last) && last != '?' && last != ']') {
            return false;
        }
        if (Written.approximate(t)) {
            String date = Written.of(t).date();
            if (!date.equals(t)) {
                return looksLikeDate(date);
            }
        }
        if (!isDigit(last)) {
            return false;
        }
        // A span is short, as every date is: a summary's last line that ends in a year is not tried.
        if (t.length() <= LONGEST_DATE && mayBeSpan(t)) {
            Ends ends = Ends.of(t);
            if (ends != null) {
                try {
                    // The shape of a span, its ends in order or not: a reversed one is refused by parse, at its line.
                    ends.points(t);
                    return true;
                } catch (IllegalArgumentException e) {
                    // Not a span this reads: perhaps a single date all the same (an ISO day's hyphens).
                }
            }
        }
        if (!endsInYear(t)) {
            return ISO.matcher(t).matches();
        }
        Shape shape = Shape.of(t);
        return shape.matcher().matches() && (shape.isIso() || shape.month().isPresent());
    }

    /**
     * The one shape {@code t} can be written in, told by its first character and its spaces (each
     * shape has its own, one space apart), and its matcher: every date line of a page is asked
     * whether it looks like a date and then parsed, and trying the shapes in turn ran up to four
     * regular expressions for each.
     */
    private record Shape(Matcher matcher, int monthGroup, int dayGroup, int yearGroup) {

        static Shape of(String t) {
            int spaces = 0;
            for (int i = 0; i < t.length(); i++) {
                spaces += t.charAt(i) == ' ' ? 1 : 0;
            }
            if (isDigit(t.charAt(0))) {
                // "1950", "1943-05-10" (no space), or the day first: "25 June 1950", "25th of June, 1950".
                return spaces == 0 ? new Shape(ISO.matcher(t), 2, 3, 1) : new Shape(DAY_MONTH_YEAR.matcher(t), 2, 1, 3);
            }
            // "February 1942" (one space), "May 10, 1943" (two).
            return spaces == 1 ? new Shape(MONTH_YEAR.matcher(t), 1, 0, 2) : new Shape(MONTH_DAY_YEAR.matcher(t), 1, 2, 3);
        }

        boolean isIso() {
            return matcher.pattern() == ISO;
        }

        /** The month a matched shape names by its word (or abbreviation); empty for ISO, or a word that is no month. */
        Optional<Month> month() {
            return isIso() ? Optional.empty() : DocumentDate.month(matcher.group(monthGroup));
        }
    }

    /** Whether {@code t} has what joins a span's two ends: a slash, a dash, a hyphen, "to" or "between". */
    private static boolean mayBeSpan(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '/' || c == '-' || c == '\u2013' || c == '\u2014') {
                return true;
            }
        }
        return t.contains(" to ") || t.regionMatches(true, 0, "between ", 0, 8);
    }

    /** The longest line {@link #madeOfDateParts} looks at: a date, however written, is short. */
    private static final int LONGEST_DATE = 60;

    /**
     * Words archivists write around a date: how sure it is ("ca.", "circa", "about"), which part of a
     * period ("early", "spring"), a range's joints ("to", "and") and an ordinal's ending split off
     * ("3 rd"). A line of these, a year and punctuation is a date, however it is written.
     */
    private static final Set<String> DATE_WORDS = Set.of(
            "c", "ca", "circa", "about", "approx", "approximately", "around", "probably", "possibly", "before",
            "after", "by", "early", "mid", "late", "spring", "summer", "autumn", "fall", "winter", "undated",
            "n", "d", "nd", "st", "rd", "th", "s", "of", "the", "to", "and", "or", "from", "between", "until",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun");
    private static final Pattern ROMAN_YEAR = Pattern.compile("M{1,2}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})");
    /** A month in Roman numerals, as Central European papers write it ("3.II.1962"). */
    private static final Pattern ROMAN_MONTH = Pattern.compile("I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII");
    private static final Pattern DATE_PART = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern ORDINAL = Pattern.compile(DAY);
    private static final List<String> MONTH_NAMES = java.util.Arrays.stream(Month.values())
            .map(m -> m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT)).toList();
    private static final Pattern TRAILING_REMARK = Pattern.compile("(.*?\\S)\\s*(?:\\([^()]*\\)|\\[[^\\[\\]]*\\])");

    /**
     * Whether a line is made only of a date's parts (numbers, month names, the words archivists put
     * around a date, weekdays, Roman numerals, a misspelt month, the punctuation between them, or one
     * word it does not know beside a day) and names a year: a date, though perhaps in a shape {@link
     * #parse} does not read ("ca. 1962", "[1962?]", "03/02/1962", "1962-1963", "MCMLXII", "Febuary
     * 1962", "Monday, February 3, 1962", "3.II.1962", "3 février 1962"), a remark in brackets after
     * it or not ("May 10, 1943 (received May 12)"). A seed page takes such a line for a date and says it cannot read it,
     * where it would otherwise run the entry into the one before as a paragraph of its summary.
     */
    public static boolean madeOfDateParts(String text) {
        String t = text.strip();
        // Every line of a page is asked: most are told at once, by length or by having no year in
        // digits and no 'M' a Roman one would begin with.
        if (t.isEmpty() || t.length() > LONGEST_DATE || !hasYear(t)) {
            return false;
        }
        // A remark after the date, in brackets: "May 10, 1943 (received May 12)", "1962 [copy]".
        char last = t.charAt(t.length() - 1);
        Matcher remark = last == ')' || last == ']' ? TRAILING_REMARK.matcher(t) : null;
        if (remark != null && remark.matches()) {
            return looksLikeDate(remark.group(1)) || madeOfDateParts(remark.group(1));
        }
        boolean year = false;
        boolean lastIsYear = false;
        boolean lastIsDay = false;
        boolean lastIsOther = false;
        int otherWords = 0;
        boolean otherBesideDay = false;
        Matcher part = DATE_PART.matcher(t);
        while (part.find()) {
            String word = part.group();
            String lower = word.toLowerCase(Locale.ROOT);
            boolean isDay = isDigits(word) && word.length() <= 2 && Integer.parseInt(word) >= 1
                    && Integer.parseInt(word) <= 31;
            boolean isOther = false;
            lastIsYear = isDigits(word) && word.length() == 4;
            if (isDigits(word)) {
                year |= word.length() == 4 || word.length() == 8;
            } else if (word.length() == 5 && isDigits(word.substring(0, 4)) && lower.endsWith("s")) {
                year = true; // "1960s"
            } else if (word.length() >= 3 && word.charAt(0) == 'M' && ROMAN_YEAR.matcher(word).matches()) {
                year = true;
            } else if (!isDateWord(word, lower)) {
                if (++otherWords > 1) {
                    return false;
                }
                isOther = true;
            }
            otherBesideDay |= isOther && lastIsDay || isDay && lastIsOther;
            lastIsDay = isDay;
            lastIsOther = isOther;
        }
        // One word this does not know beside a day, before the year that ends the line, is a month in
        // another language ("3 février 1962", "3 марта 1962").
        return year && (otherWords == 0 || otherWords == 1 && otherBesideDay && lastIsYear);
    }

    /** Whether a line has four digits in a row, or three Roman numerals from an 'M': a year, in either. */
    private static boolean hasYear(String text) {
        int digits = 0;
        int roman = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digits = isDigit(c) ? digits + 1 : 0;
            roman = c == 'M' && roman == 0 || roman > 0 && "MDCLXVI".indexOf(c) >= 0 ? roman + 1 : 0;
            if (digits == 4 || roman == 3) {
                return true;
            }
        }
        return false;
    }

    /** A month, an ordinal day ("3rd"), a Roman month, a word of {@link #DATE_WORDS} or a misspelt month; the cheap tests first. */
    private static boolean isDateWord(String word, String lower) {
        if (DATE_WORDS.contains(lower) || MONTHS.containsKey(lower)) {
            return true;
        }
        char first = word.charAt(0);
        if (isDigit(first)) {
            return ORDINAL.matcher(lower).matches();
        }
        if ((first == 'I' || first == 'V' || first == 'X') && ROMAN_MONTH.matcher(word).matches()) {
            return true;
        }
        return misspeltMonth(lower);
    }

    /** A word a letter or two from a month's full name, from its first letter ("Febuary", "Setpember"): a typing slip, not a word of a title. */
    private static boolean misspeltMonth(String word) {
        if (word.length() < 4 || word.length() > 11) {
            return false;
        }
        for (String name : MONTH_NAMES) {
            int most = name.length() < 6 ? 1 : 2;
            // Slips keep a word's first letter ("Febuary", "Setpember"): a word of another letter is no month.
            if (word.charAt(0) == name.charAt(0) && Math.abs(word.length() - name.length()) <= most
                    && edits(word, name) <= most) {
                return true;
            }
        }
        return false;
    }

    /** How many letters must be added, dropped, changed or swapped with the next to make {@code a} into {@code b}. */
    private static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean isDigits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!isDigit(word.charAt(i))) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    /**
     * How archives write that a document bears no date: "n.d.", "undated", "no date", "s.d." (sine
     * dato), in any case: the absence of a date, read whole, so that a line with more in it ("n.d.
     * 1962", "Undated letter to Mao") is not one.
     */
    private static final Set<String> NO_DATE = Set.of("n.d.", "undated", "no date", "s.d.");

    /**
     * Whether {@code text} says its document has no date: one of {@link #NO_DATE}'s ways, in any
     * case, in square brackets or not ("[n.d.]", as a cataloguer supplies it): a seed page's date
     * line and the edit form's date, through {@link #parseOrUndated}.
     */
    public static boolean saysUndated(String text) {
        String t = text.strip();
        if (t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            t = t.substring(1, t.length() - 1).strip();
        }
        // Every line of a seed page is asked, most of them a title or a paragraph: one longer than
        // every way is told by its length rather than lowercased whole (lowercasing never shortens a
        // text). It was a sixth of the import's first pass (BENCHMARKS.md, "Imports, seventh round").
        return t.length() <= LONGEST_NO_DATE && NO_DATE.contains(t.toLowerCase(Locale.ROOT));
    }

    private static final int LONGEST_NO_DATE = NO_DATE.stream().mapToInt(String::length).max().orElseThrow();

    /**
     * What a person writes where a record's date goes, read once for every way in (a seed page's
     * date line, the edit and new-record forms): a date as {@link #parse} reads it, or empty when
     * the text says the document bears none ({@link #saysUndated}: "Undated", "n.d.", "[s.d.]").
     *
     * @throws IllegalArgumentException with a message fit to show a person, when the text is neither
     */
    public static Optional<DocumentDate> parseOrUndated(String text) {
        if (text != null && saysUndated(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (NotADate e) {
            // Here, unlike a search's range (which finds dated records only), "Undated" is an answer:
            // said as the empty field's message says it, to one who typed "no date" or "Undated letter".
            throw new IllegalArgumentException(notADate(e.text, "; or " + WHEN_NONE));
        }
    }

    /** Text in no shape a date is read in, whatever parts of it look like one. */
    private static final class NotADate extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;
        private final String text;

        NotADate(String text) {
            super(notADate(text, ""));
            this.text = text;
        }
    }

    /** "'x' is not a date (write it as …)", {@code more} said after the shapes, inside the brackets. */
    private static String notADate(String text, String more) {
        return "'" + text + "' is not a date (write it as " + SHAPES + more + ")";
    }

    /**
     * Why a date, or none, cannot be a document's when it is catalogued on {@code today} ({@link
     * #laterThan}); an undated document can always be.
     */
    public static Optional<String> laterThan(Optional<DocumentDate> date, LocalDate today) {
        return date.flatMap(d -> d.laterThan(today));
    }

    /**
     * Reads a date as the archive writes it ("May 10, 1943", "Sept. 1950", "1950"), the day first
     * ("10 May 1943") or as ISO ("1943-05-10", "1942-02", "1950").
     *
     * @throws IllegalArgumentException with a message fit to show a person, when the text is not
     *     a real date
     */
    public static DocumentDate parse(String text) {
        String t = text == null ? "" : WhiteSpace.oneSpaceApart(text.strip());
        Written written = Written.of(t);
        Ends ends = Ends.of(written.date());
        DocumentDate date = ends == null ? parseCertain(t, written.date()) : ends.read(t);
        return written.circa() ? date.approximate() : date;
    }

    /** A day alone, the start of a span whose end gives its month and year: the "3" of "3–5 June 1961". */
    private static final Pattern DAY_ALONE = Pattern.compile(DAY);
    /** A month and day without a year, as a span's start: "June 3" of "June 3–5, 1961". */
    private static final Pattern MONTH_DAY = Pattern.compile(MONTH_WORD + " " + DAY);
    /** A day and year, as a span's end after "June 3": the "5, 1961" of "June 3–5, 1961". */
    private static final Pattern DAY_YEAR = Pattern.compile(DAY + ",? (\\d{4})");
    private static final Pattern BETWEEN = Pattern.compile("(?i)between (.+) and (.+)");

    /**
     * A span's two ends as written, split where it is joined: at a slash (EDTF's and ISO's interval,
     * "1961/1962", "1961-06-03/1961-06-05"), an en or em dash ("1961–1962", "March 1962 – April 1963"),
     * a hyphen that is not ISO's ("1961-1962", "March-April 1962", "3-5 June 1961"), "to", or
     * "between … and …". Null for a single date.
     */
    private record Ends(String start, String end) {

        static Ends of(String d) {
            Matcher between = d.length() > 8 && (d.charAt(0) == 'b' || d.charAt(0) == 'B') ? BETWEEN.matcher(d) : null;
            if (between != null && between.matches()) {
                return new Ends(between.group(1).strip(), between.group(2).strip());
            }
            for (String joint : new String[] {"/", "\u2013", "\u2014", " to "}) {
                int at = d.indexOf(joint);
                if (at >= 0) {
                    return at == d.lastIndexOf(joint) ? split(d, at, joint.length()) : null;
                }
            }
            int hyphen = d.indexOf('-');
            if (hyphen < 0 || ISO.matcher(d).matches()) {
                return null;
            }
            int spaced = d.indexOf(" - ");
            if (spaced >= 0) {
                return split(d, spaced, 3);
            }
            return hyphen == d.lastIndexOf('-') ? split(d, hyphen, 1) : null;
        }

        private static Ends split(String d, int at, int length) {
            String start = d.substring(0, at).strip();
            String end = d.substring(at + length).strip();
            return start.isEmpty() || end.isEmpty() ? null : new Ends(start, end);
        }

        /** The span these ends name, a start written short taking what it leaves out from the end; messages quote all of {@code t}. */
        DocumentDate read(String t) {
            DatePoint[] points = points(t);
            DatePoint first = points[0];
            DatePoint last = points[1];
            if (!last.canEnd(first)) {
                throw new IllegalArgumentException("'" + t + "' " + (last.equals(first)
                        ? "begins and ends on the same date: write it once ('" + first.exactly() + "')"
                        : last.earliest().isBefore(first.earliest())
                                ? "ends before it begins (" + last.exactly() + " is before " + first.exactly() + ")"
                                : "ends within its start (" + last.exactly() + " is not after " + first.exactly() + ")")
                        + "; a span's end comes after its start");
            }
            return span(first, last, false);
        }

        /** The two ends, in the order written, whichever comes first. */
        DatePoint[] points(String t) {
            String endWritten = end;
            Matcher monthDay = MONTH_DAY.matcher(start);
            Matcher dayYear = DAY_YEAR.matcher(end);
            if (monthDay.matches() && dayYear.matches()) {
                // "June 3–5, 1961": the end's month is the start's.
                endWritten = monthDay.group(1) + " " + dayYear.group(1) + ", " + dayYear.group(2);
            }
            DatePoint last = parseCertain(t, endWritten).start();
            String startWritten = start;
            if (!shaped(startWritten)) {
                startWritten = DAY_ALONE.matcher(start).matches() && last.precision() == DatePrecision.DAY
                        ? start + " " + last.monthName() + " " + last.year() // "3–5 June 1961"
                        : start + " " + last.year(); // "March–April 1962", "June 30 – July 2, 1961"
            }
            return new DatePoint[] {parseCertain(t, startWritten).start(), last};
        }

        /** Whether {@code d} is written whole, in one of the shapes a date is read in. */
        private static boolean shaped(String d) {
            if (d.isEmpty()) {
                return false;
            }
            Shape shape = Shape.of(d);
            return shape.matcher().matches() && (shape.isIso() || shape.month().isPresent());
        }
    }

    /** {@code d}, the date {@code t} names once its approximation is taken off; messages quote all of {@code t}. */
    private static DocumentDate parseCertain(String t, String d) {
        Shape shape = d.isEmpty() ? null : Shape.of(d);
        if (shape != null && shape.matcher().matches()) {
            Matcher m = shape.matcher();
            if (shape.isIso()) {
                int year = Integer.parseInt(m.group(1));
                return read(t, year, m.group(2) == null ? null : Integer.parseInt(m.group(2)),
                        m.group(3) == null ? null : Integer.parseInt(m.group(3)));
            }
            Optional<Month> month = shape.month();
            if (month.isPresent()) {
                return read(t, Integer.parseInt(m.group(shape.yearGroup())), month.get().getValue(),
                        shape.dayGroup() == 0 ? null : Integer.parseInt(m.group(shape.dayGroup())));
            }
        }
        throw new NotADate(t);
    }

    /**
     * Words that make a date approximate when written before it: "ca. 1962", "c. 1962", "circa March
     * 1962", "approximately 1962" (DACS's word), "about 1962".
     */
    private static final Pattern CIRCA = Pattern.compile(
            "(?i)(?:circa|ca|c|approximately|approx|about)(?:\\.\\s*|\\s+)(\\S.*)");

    /**
     * A date as written, its approximation taken off: "[ca. 1962]", "ca. 1962", "1962?" and "[1962?]"
     * are "1962", approximate. Square brackets alone ("[1962]", a date the cataloguer supplied) are
     * taken off and leave the date certain.
     */
    private record Written(String date, boolean circa) {

        static Written of(String t) {
            String d = t;
            if (d.length() > 2 && d.charAt(0) == '[' && d.charAt(d.length() - 1) == ']') {
                d = d.substring(1, d.length() - 1).strip();
            }
            boolean circa = false;
            if (d.endsWith("?")) {
                d = d.substring(0, d.length() - 1).strip();
                circa = true;
            }
            // Every date line of a page is read here: the words are looked for only where one can begin.
            char first = d.isEmpty() ? ' ' : Character.toLowerCase(d.charAt(0));
            Matcher words = first == 'c' || first == 'a' ? CIRCA.matcher(d) : null;
            if (words != null && words.matches()) {
                d = words.group(1);
                circa = true;
            }
            return new Written(d, circa);
        }

        /** Whether {@code t} may be written approximately, by its first or last character: most lines of a page are not. */
        static boolean approximate(String t) {
            char first = Character.toLowerCase(t.charAt(0));
            char last = t.charAt(t.length() - 1);
            return first == '[' || first == 'c' || first == 'a' || last == '?' || last == ']';
        }
    }

    /**
     * The date a parsed text names ({@code month} and {@code day} null when it does not give them),
     * or a message in the words a person uses: which month has how many days, not java.time's.
     */
    private static DocumentDate read(String t, int year, Integer month, Integer day) {
        if (year < FIRST_YEAR) {
            throw new IllegalArgumentException("'" + t + "' is too early: a document's year is " + FIRST_YEAR
                    + " or later");
        }
        if (month == null) {
            return ofYear(year);
        }
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("'" + t + "' is not a real date (there is no month " + month
                    + ": months are 1 to 12)");
        }
        if (day == null) {
            return ofMonth(year, month);
        }
        int days = YearMonth.of(year, month).lengthOfMonth();
        if (day < 1 || day > days) {
            throw new IllegalArgumentException("'" + t + "' is not a real date (" + ofMonth(year, month).display()
                    + " has " + days + " days)");
        }
        return ofDay(year, month, day);
    }

    /**
     * Why this cannot be a document's date when it is catalogued on {@code today}: it begins after
     * that day ("June 1, 2030" is a slip for 1930 or 2003, not a document), or, a span, ends after it
     * ("1961–2030"). A year or month that has begun is no later than today. Empty when it can be.
     */
    public java.util.Optional<String> laterThan(LocalDate today) {
        String todayShown = new DatePoint(today, DatePrecision.DAY).exactly();
        if (earliest().isAfter(today)) {
            return java.util.Optional.of("'" + display() + "' is after today (" + todayShown
                    + "): no document is dated later than the day it is catalogued; check the year");
        }
        if (end.isPresent() && end.get().earliest().isAfter(today)) {
            return java.util.Optional.of("'" + display() + "' ends after today (" + todayShown
                    + "): no document is dated later than the day it is catalogued; check the end's year");
        }
        return java.util.Optional.empty();
    }

    /** The sortable key stored in the database: the earliest day, as ISO (a span's start: a span sorts by it). */
    public String key() {
        return start.key();
    }

    /**
     * How a document with no date is shown wherever a person reads its date: DACS's word,
     * capitalised as the record's other dates begin. Citations have their own ({@link CitationStyle}).
     */
    public static final String UNDATED = "Undated";

    /** What a person is told to write for a document that bears no date: {@link #parseOrUndated} reads it. */
    public static final String WHEN_NONE = "'" + UNDATED + "' when the document bears none";

    /** The date as a person reads it: "May 10, 1943", "February 1942", "1950", "ca. 1962", "1961–1962". */
    public String display() {
        return (circa ? "ca. " : "") + exactly();
    }

    /**
     * The date without its approximation: "May 10, 1943", "February 1942", "1950"; a span with what
     * its ends share said once ("1961–1962", "March–April 1962", "June 3–5, 1961", "June 30 – July 2,
     * 1961"), else its ends in full ("March 1962 – April 1963"). An en dash joins the span, spaced
     * when an end has spaces of its own (Chicago 6.80).
     */
    public String exactly() {
        if (end.isEmpty()) {
            return start.exactly();
        }
        DatePoint last = end.get();
        boolean sameYear = start.year() == last.year();
        if (start.precision() == last.precision()) {
            switch (start.precision()) {
                case YEAR:
                    return start.year() + "\u2013" + last.year();
                case MONTH:
                    if (sameYear) {
                        return start.monthName() + "\u2013" + last.monthName() + " " + last.year();
                    }
                    break;
                case DAY:
                    if (sameYear && start.earliest().getMonth() == last.earliest().getMonth()) {
                        return start.monthName() + " " + start.earliest().getDayOfMonth() + "\u2013"
                                + last.earliest().getDayOfMonth() + ", " + last.year();
                    }
                    if (sameYear) {
                        return start.monthName() + " " + start.earliest().getDayOfMonth() + " \u2013 " + last.exactly();
                    }
                    break;
                default:
                    break;
            }
        }
        return start.exactly() + " \u2013 " + last.exactly();
    }

    /**
     * The Library of Congress's Extended Date/Time Format (ISO 8601-2), which biblatex reads and
     * which carries what ISO cannot: "1943-05-10", "1942-02", "1962~" (approximate), a span as an
     * interval ("1961/1962", "1962-03/1962-04"), each end marked when approximate ("1961~/1962~":
     * EDTF qualifies dates, and an interval's ends are two).
     */
    public String edtf() {
        String mark = circa ? "~" : "";
        return start.iso() + mark + end.map(e -> "/" + e.iso() + mark).orElse("");
    }

    /**
     * ISO 8601 reduced to the known precision: "1943-05-10", "1942-02", "1950", a span as an interval
     * ("1961/1962", "1961-06-03/1961-06-05"). An approximate date gives the day, month or year it is
     * near: ISO has no "about". Where one day, month or year must be given (HTML's datetime, a
     * citation's date), it is {@code start().iso()}.
     */
    public String iso() {
        return start.iso() + end.map(e -> "/" + e.iso()).orElse("");
    }

    /** The year the date, or a span's start, is in. */
    public int year() {
        return start.year();
    }

    /**
     * The last day the date can mean: a span's end's last day, else in the same year as the first (a
     * search counts on both: {@code RequestFilters.straddling}).
     */
    public LocalDate latest() {
        return end.orElse(start).latest();
    }

    @Override
    public int compareTo(DocumentDate other) {
        int byStart = start.compareTo(other.start);
        if (byStart != 0) {
            return byStart;
        }
        int byEnd = end.isPresent() == other.end.isPresent()
                ? end.isPresent() ? end.get().compareTo(other.end.get()) : 0
                : end.isPresent() ? 1 : -1;
        return byEnd != 0 ? byEnd : Boolean.compare(circa, other.circa);
    }

    @Override
    public String toString() {
        return display();
    }

    /** Whether {@code text} ends in four digits ({@code \\d{4}}), as every shape of {@link #looksLikeDate} does. */
    private static boolean endsInYear(String text) {
        if (text.length() < 4) {
            return false;
        }
        for (int i = text.length() - 4; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Optional<Month> month(String word) {
        // As a page writes it ("May", "Sept"), then in any case: lowering each date line's month cost as much as matching it.
        Month month = MONTHS_AS_WRITTEN.get(word);
        return Optional.ofNullable(month != null ? month : MONTHS.get(word.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Month> monthNames() {
        var names = new java.util.HashMap<String, Month>();
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            names.put(full, m);
            names.put(full.substring(0, 3), m);
        }
        names.put("sept", Month.SEPTEMBER);
        return Map.copyOf(names);
    }

    private static Map<String, Month> capitalised(Map<String, Month> names) {
        var capitalised = new java.util.HashMap<String, Month>();
        names.forEach((name, month) -> capitalised.put(Character.toUpperCase(name.charAt(0)) + name.substring(1), month));
        return Map.copyOf(capitalised);
    }
}
