package org.dossier.documents;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last segment of a record's permanent address ({@code /documents/24}, {@code /documents/24.bib})
 * or of one of its versions' ({@code /documents/24/v/3.json}): a number, and, for a file, the suffix
 * that names it. Parsed once here for both addresses, so that each handler asks what was meant
 * rather than matching a pattern's groups.
 *
 * @param digits the number as typed: {@code 024} is kept so that the answer can say what was asked
 * @param suffix from the first full stop on, as typed ({@code .bib}, or {@code .xml}, which is no
 *     file a record is given as: see {@link #given()}); empty for the page
 */
record NumberAndSuffix(String digits, Optional<String> suffix) {

    /**
     * Any suffix after the number, so that one no record is given as can be named in the answer.
     * No repetition of a group: a run of thousands of full stops is matched without a deep stack.
     */
    private static final Pattern SEGMENT = Pattern.compile("([0-9]{1,9})(\\.[^/]+)?");

    NumberAndSuffix {
        if (digits == null || !digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("a record's or version's number is one to nine digits, not " + digits);
        }
        if (suffix == null || suffix.filter(s -> !s.startsWith(".")).isPresent()) {
            throw new IllegalArgumentException("a suffix begins with a full stop, not " + suffix);
        }
    }

    /** The segment as a number and a suffix; empty when it does not begin with a number. */
    static Optional<NumberAndSuffix> parse(String segment) {
        Matcher m = SEGMENT.matcher(segment);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NumberAndSuffix(m.group(1), Optional.ofNullable(m.group(2))));
    }

    int number() {
        return Integer.parseInt(digits);
    }

    /** Whether this asks for the page or for a file the record is given as (not ".xml", nor ".JSON"). */
    boolean given() {
        return suffix.isEmpty() || Permalinks.SUFFIXES.contains(suffix.get());
    }

    /** The citation file the suffix asks for, when it asks for one. */
    Optional<ExportFormat> download() {
        return suffix.flatMap(CitationDownload::forSuffix);
    }

    /** Whether the suffix asks for the JSON twin. */
    boolean json() {
        return suffix.filter(".json"::equals).isPresent();
    }
}
