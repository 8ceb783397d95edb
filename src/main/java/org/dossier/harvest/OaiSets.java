package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_TYPE;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The sets a harvester can select: {@code type} and its children {@code type:letter} ..., and
 * {@code decade} and its children {@code decade:1940s} .... A record is in its type's set and in
 * the set of every decade its date may fall in, from its start's to its end's: "1959–1961" is in
 * the 1950s and the 1960s, as the search's decades find it.
 */
final class OaiSets {

    static final String TYPE = "type";
    static final String DECADE = "decade";
    private static final Pattern TYPE_SET = Pattern.compile("type:(.+)");
    private static final Pattern DECADE_SET = Pattern.compile("decade:(\\d{3})0s");

    private OaiSets() {
    }

    /** The name of the decade a year is in, as its set is named: 1959 is in "1950s". */
    static String decadeOf(int year) {
        return decadeStart(year) + "s";
    }

    /** The set of the records of one type: {@code type:letter}. */
    static String ofType(String typeKey) {
        return TYPE + ":" + typeKey;
    }

    /** The set of the decade a year is in: {@code decade:1950s} for 1953. */
    static String ofDecade(int year) {
        return DECADE + ":" + decadeOf(year);
    }

    /** The first year of the decade a year is in: 1959 is in the decade 1950. */
    static int decadeStart(int year) {
        return year / 10 * 10;
    }

    /** The condition a record meets to be in the set; one that no record meets for a set that does not exist. */
    static Condition condition(String setSpec) {
        if (setSpec.equals(TYPE)) {
            return DOCUMENT.TYPE_ID.isNotNull();
        }
        if (setSpec.equals(DECADE)) {
            return DSL.trueCondition();
        }
        Matcher type = TYPE_SET.matcher(setSpec);
        if (type.matches()) {
            return DOCUMENT_TYPE.KEY.eq(type.group(1));
        }
        Matcher decade = DECADE_SET.matcher(setSpec);
        if (decade.matches()) {
            // Compared through substring on purpose: a decade holds a fifth of the records, and a
            // range on the date index would make SQLite sort all of them to page by datestamp,
            // where walking the datestamp index and testing each record stops after one page. The
            // record begins in the decade or before it, and ends in it or after it (a single date
            // ends where it begins).
            String first = decade.group(1);
            return DSL.substring(DOCUMENT.DATE_KEY, 1, 3).le(first)
                    .and(DSL.substring(DSL.coalesce(DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_KEY), 1, 3).ge(first));
        }
        return DSL.falseCondition();
    }

    /**
     * A decade's set as two parts that indexes can read, what counting it uses where the substrings
     * above read every record (a second at a million): the records that begin in it, a range of
     * date keys ("195" &lt;= key &lt; "196": every key that starts with "195"), and the spans that
     * began before it and reach into it.
     */
    record DecadeRanges(Condition beginIn, Condition reachInto) {
    }

    /** For a decade's set, its {@link DecadeRanges}; empty for any other set. */
    static Optional<DecadeRanges> decadeAsRanges(String setSpec) {
        Matcher decade = DECADE_SET.matcher(setSpec);
        if (!decade.matches()) {
            return Optional.empty();
        }
        String first = decade.group(1);
        Condition from = DOCUMENT.DATE_KEY.ge(first);
        int next = Integer.parseInt(first) + 1;
        Condition beginIn = next > 999 ? from : from.and(DOCUMENT.DATE_KEY.lt(String.format(Locale.ROOT, "%03d", next)));
        return Optional.of(new DecadeRanges(beginIn, reachInto(Integer.parseInt(first) * 10)));
    }

    /** The spans that began before the decade starting in {@code decade} (1960) and end in it or after it. */
    static Condition reachInto(int decade) {
        String first = String.format(Locale.ROOT, "%03d", decade / 10);
        return DOCUMENT.DATE_END_KEY.ge(first).and(DOCUMENT.DATE_KEY.lt(first));
    }
}
