package org.dossier.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Zotero makes of a date a translator puts in an item's Date field, by the code it runs on it
 * (zotero/utilities): the field keeps the text as it came, {@code Zotero.Date.strToDate} (date.js)
 * reads a year, a month and a day out of it and keeps the rest as its "part", and
 * {@code itemToCSLJSON} (utilities_item.js) gives a citation style the year, month and day it read
 * and, when it read no month, that rest as the date's season, which the styles print where a month
 * would be; with no year, the whole text as a literal. strToDate is written out here as date.js has
 * it for an English locale in the Zotero client (US day order, day suffixes "st", "nd", "rd",
 * "th"), on exactly the regular expressions it applies, so that a date it would misread shows.
 */
final class ZoteroDates {

    /** The date a style is given: {@code dateParts} the year, month and day read, or a literal. */
    record CslDate(List<Integer> dateParts, String season, String literal) {
    }

    /** strToDate's result: a year, a month counted from 0, a day, and the words left over. */
    record Read(String year, Integer month, Integer day, String part) {
    }

    // date.js: _slashRe, _yearRe, the _monthRe init() builds from the English months, and _dayRe.
    private static final Pattern SLASH = Pattern.compile(
            "^(.*?)\\b([0-9]{1,4})(?:([\\-/.\u5e74])([0-9]{1,2}))?(?:([\\-/.\u6708])([0-9]{1,4}))?((?:\\b|[^0-9]).*?)$");
    private static final Pattern YEAR = Pattern.compile("^(.*?)\\b((?:circa |around |about |c\\.? ?)?[0-9]{1,4}"
            + "(?: ?B\\.? ?C\\.?(?: ?E\\.?)?| ?C\\.? ?E\\.?| ?A\\.? ?D\\.?)|[0-9]{3,4})\\b(.*?)$", Pattern.CASE_INSENSITIVE);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec", "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december");
    private static final Pattern MONTH = Pattern.compile("(.*)(?:^|[^\\p{L}])(" + String.join("|", MONTHS)
            + ")[^ ]*(?: (.*)$|$)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DAY = Pattern.compile("\\b([0-9]{1,2})(?:st|nd|rd|th)?\\b(.*)", Pattern.CASE_INSENSITIVE);

    private ZoteroDates() {
    }

    /** Zotero.Date.strToDate. */
    static Read strToDate(String text) {
        String string = text.strip().replaceAll("\\s+", " "); // trimInternal
        String year = null;
        Integer month = null;
        Integer day = null;
        List<String> parts = new ArrayList<>();
        if (string.isEmpty()) {
            return new Read(null, null, null, null);
        }
        Matcher m = SLASH.matcher(string);
        boolean slash = m.find();
        if (slash && (m.group(5) == null || m.group(3) == null || m.group(3).equals(m.group(5))
                || "\u5e74".equals(m.group(3)) && "\u6708".equals(m.group(5)))
                && (m.group(2) != null && m.group(4) != null && m.group(6) != null
                    || m.group(1).isEmpty() && m.group(7).isEmpty())) {
            String y;
            String mo;
            String d;
            if (m.group(2).length() == 3 || m.group(2).length() == 4 || "\u5e74".equals(m.group(3))) {
                y = m.group(2);
                mo = m.group(4);
                d = m.group(6);
            } else if (m.group(4) == null && m.group(6) != null) {
                mo = m.group(2);
                y = m.group(6);
                d = null;
            } else {
                mo = m.group(2);
                d = m.group(4);
                y = m.group(6);
            }
            Integer readMonth = mo == null ? null : Integer.parseInt(mo);
            Integer readDay = d == null ? null : Integer.parseInt(d);
            if (readMonth != null && readMonth > 12) {
                Integer swap = readDay;
                readDay = readMonth;
                readMonth = swap;
            }
            if ((readMonth == null || readMonth <= 12) && (readDay == null || readDay <= 31)) {
                year = y == null ? null : String.valueOf(Integer.parseInt(y));
                month = readMonth == null || readMonth == 0 ? null : readMonth - 1;
                day = readDay == null || readDay == 0 ? null : readDay;
                parts.add(m.group(1));
                parts.add(m.group(7));
            } else {
                parts.add(string); // "algorithms failed sanity check"
            }
        } else {
            parts.add(string);
        }
        if (year == null) {
            for (int i = 0; i < parts.size(); i++) {
                Matcher y = YEAR.matcher(parts.get(i));
                if (y.find()) {
                    year = y.group(2);
                    parts.set(i, y.group(1));
                    parts.add(i + 1, y.group(3));
                    break;
                }
            }
        }
        if (month == null) {
            for (int i = 0; i < parts.size(); i++) {
                Matcher mo = MONTH.matcher(parts.get(i));
                if (mo.find()) {
                    month = MONTHS.indexOf(mo.group(2).toLowerCase(Locale.ROOT)) % 12;
                    parts.set(i, mo.group(1));
                    // JavaScript makes an unmatched group's text "undefined" when it is concatenated.
                    parts.add(i + 1, mo.group(3) == null ? "undefined" : mo.group(3));
                    break;
                }
            }
        }
        if (day == null) {
            for (int i = 0; i < parts.size(); i++) {
                Matcher d = DAY.matcher(parts.get(i));
                if (d.find() && Integer.parseInt(d.group(1)) <= 31) {
                    day = Integer.parseInt(d.group(1));
                    String part;
                    if (d.start() > 0) {
                        part = parts.get(i).substring(0, d.start()) + (d.group(2).isEmpty() ? "" : " " + d.group(2));
                    } else {
                        part = d.group(2);
                    }
                    parts.set(i, part);
                    break;
                }
            }
        }
        StringBuilder joined = new StringBuilder();
        parts.forEach(p -> joined.append(p).append(' '));
        String part = joined.toString().replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return new Read(year, month, day, part.isEmpty() ? null : part);
    }

    /** Zotero.Date.strToISO: the year, month and day read, as ISO; null when no year is read. */
    static String strToISO(String text) {
        Read read = strToDate(text);
        if (read.year() == null) {
            return null;
        }
        String iso = String.format("%04d", Integer.parseInt(read.year()));
        if (read.month() != null) {
            iso += String.format("-%02d", read.month() + 1);
            if (read.day() != null) {
                iso += String.format("-%02d", read.day());
            }
        }
        return iso;
    }

    /** The date itemToCSLJSON gives a style for what the Date field holds. */
    static CslDate toCsl(String dateField) {
        Read read = strToDate(dateField);
        if (read.year() == null) {
            return new CslDate(null, null, dateField);
        }
        List<Integer> dateParts = new ArrayList<>(List.of(Integer.parseInt(read.year())));
        if (read.month() != null) {
            dateParts.add(read.month() + 1);
            if (read.day() != null) {
                dateParts.add(read.day());
            }
        }
        return new CslDate(List.copyOf(dateParts), read.month() == null ? read.part() : null, null);
    }
}
