package org.dossier.documents;

import java.util.List;

/** What the record page says about a record in words of its own: its description and its source. */
public final class RecordView {

    private static final int DESCRIPTION_LENGTH = 160;

    private RecordView() {
    }

    /** The page's meta description: the summary's first paragraph, cut at a word, or the date and title. */
    public static String description(DocumentDetails record) {
        String text = record.summary().isEmpty() ? DocumentDate.display(record.date()) + ": " + record.title()
                : record.summary().get(0);
        if (text.length() <= DESCRIPTION_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return text.substring(0, cut > 80 ? cut : DESCRIPTION_LENGTH - 1).stripTrailing() + "\u2026";
    }

    /**
     * The source as a finding aid gives it, for readers: where the description came from, not the
     * name of the file it was imported from (that is for editors).
     */
    public static String source(List<DocumentDetails.Source> sources) {
        if (sources.isEmpty()) {
            return "Described by the catalogue's editors.";
        }
        DocumentDetails.Source first = sources.get(0);
        String listed = "Described from the source archive's published list of search results (entry "
                + first.position() + " of its page)";
        return sources.size() == 1 ? listed + "."
                : listed + "; listed there " + sources.size() + " times.";
    }
}
