package org.dossier.documents;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last segment of a record's permanent address ({@code /documents/24.bib}) or of one of its
 * versions' ({@code /documents/24/v/3.json}): a number, and, for a file, the suffix that names it.
 * Parsed once here for both addresses, so that each handler asks what was meant rather than
 * matching groups.
 *
 * @param canonical whether the number is written as the address writes it (no leading zero: /v/01
 *     is /v/1, one address for each version)
 * @param suffix ".json", ".bib", ".ris" or ".csl.json", as typed (lower case); empty for the page
 */
record NumberAndSuffix(int number, boolean canonical, Optional<String> suffix) {

    /**
     * The suffixes of a record's files: its JSON twin and its citation downloads. Matched whole, so
     * ".csl.json" is never taken for ".json".
     */
    static final String SUFFIXES = "(\\.json|\\.bib|\\.ris|\\.csl\\.json)";
    private static final Pattern SEGMENT = Pattern.compile("([0-9]{1,9})" + SUFFIXES + "?");

    /** The segment as a number and a suffix; empty when it is neither a number nor a number with a file's suffix. */
    static Optional<NumberAndSuffix> parse(String segment) {
        Matcher m = SEGMENT.matcher(segment);
        if (!m.matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(m.group(1));
        return Optional.of(new NumberAndSuffix(number, m.group(1).equals(String.valueOf(number)),
                Optional.ofNullable(m.group(2))));
    }

    /** The citation file the suffix asks for, when it asks for one. */
    Optional<ExportFormat> download() {
        return suffix.flatMap(CitationDownload::forSuffix);
    }

    /** Whether the suffix asks for the JSON twin: a suffix, and not a download's. */
    boolean json() {
        return suffix.isPresent() && download().isEmpty();
    }
}
