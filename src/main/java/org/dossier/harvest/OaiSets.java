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
 * the set of the decade its date falls in (the earliest day it can mean).
 */
final class OaiSets {

    static final String TYPE = "type";
    static final String DECADE = "decade";
    private static final Pattern TYPE_SET = Pattern.compile("type:(.+)");
    private static final Pattern DECADE_SET = Pattern.compile("decade:(\\d{3})0s");

    private OaiSets() {
    }

    static String decadeOf(int year) {
        return (year / 10 * 10) + "s";
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
            // where walking the datestamp index and testing each record stops after one page.
            return DSL.substring(DOCUMENT.DATE_KEY, 1, 3).eq(decade.group(1));
        }
        return DSL.falseCondition();
    }

    /**
     * For a decade's set, the same records as a range of date keys ("195" &lt;= key &lt; "196":
     * every key that starts with "195"), which the date indexes can read: what counting a decade
     * uses, where the substring above read every record (a second at a million).
     */
    static Optional<Condition> decadeAsRange(String setSpec) {
        Matcher decade = DECADE_SET.matcher(setSpec);
        if (!decade.matches()) {
            return Optional.empty();
        }
        String first = decade.group(1);
        Condition from = DOCUMENT.DATE_KEY.ge(first);
        int next = Integer.parseInt(first) + 1;
        return Optional.of(next > 999 ? from : from.and(DOCUMENT.DATE_KEY.lt(String.format(Locale.ROOT, "%03d", next))));
    }
}
