package org.dossier.documents;

import java.util.Arrays;
import java.util.List;

/**
 * What the "Cite this" box shows for one version of a record: the citation in each style, the
 * living and the versioned link, the day it was read, and the downloads for reference managers.
 *
 * @param downloadBase the path the download suffixes go on: the permanent address for the
 *     current version, the versioned one for an older version
 */
public record CiteBox(Citation citation, List<StyledCitation> styles, String downloadBase) {

    /** One style's rendering, with the key the page's element ids are made from. */
    public record StyledCitation(String key, String label, FormattedCitation citation) {

        /** The id of the element that holds the citation, which its copy button names. */
        public String elementId() {
            return "citation-" + key;
        }

        /** What a screen reader hears after "Copy" on the copy button: " the Chicago (note) citation". */
        public String copyWhat() {
            return " the " + label + " citation";
        }
    }

    /** A link to the record as a file for a reference manager. */
    public record Download(String label, String href, String mediaType) {
    }

    /** The formats a record can be downloaded in from its page, in the order offered. */
    public static final List<ExportFormat> DOWNLOADS = List.of(ExportFormat.BIBTEX, ExportFormat.RIS, ExportFormat.CSL_JSON);

    public CiteBox {
        styles = List.copyOf(styles);
    }

    public static CiteBox of(Citation citation, String downloadBase) {
        return new CiteBox(citation, Arrays.stream(CitationStyle.values())
                .map(s -> new StyledCitation(s.key(), s.label(), s.format(citation))).toList(), downloadBase);
    }

    public List<Download> downloads() {
        return DOWNLOADS.stream()
                .map(f -> new Download(f.label(), downloadBase + "." + f.extension(), f.mediaType().split(";")[0]))
                .toList();
    }

    /** The day the reader is reading, as the citations give it ("May 4, 2026"). */
    public String accessedOn() {
        return CitationStyle.longDate(citation.accessed());
    }
}
