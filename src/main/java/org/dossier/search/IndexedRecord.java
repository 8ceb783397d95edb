package org.dossier.search;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;

/**
 * A record as the index holds it: its words, the period its date can mean, and the keys of its
 * type, people (and of them, who wrote it and who received it) and places, and the codes of the
 * languages it is written in (none when no one has said).
 *
 * @param earliest the first day the record's date can mean; null, as {@code latest} is, for an
 *                 undated record (V22), which has no period
 * @param typeKey null for a record without a type
 */
record IndexedRecord(int id, String title, String summary, LocalDate earliest, LocalDate latest, String typeKey,
                     List<String> people, List<String> places, String sortTitle, List<String> authors,
                     List<String> recipients, List<String> languages) {

    IndexedRecord {
        if ((earliest == null) != (latest == null) || earliest != null && latest.isBefore(earliest)) {
            throw new IllegalArgumentException("record " + id + ": a period runs from its earliest day to its latest, "
                    + "or an undated record has neither, not " + earliest + " to " + latest);
        }
        // Composed (NFC), as a search's words are (SearchRequest): a title saved with a combining
        // accent ("a" + U+0301) is found by "á" typed either way, on both engines, and its
        // highlights' offsets are those of the text stored.
        title = title == null ? null : Normalizer.normalize(title, Normalizer.Form.NFC);
        summary = summary == null ? null : Normalizer.normalize(summary, Normalizer.Form.NFC);
        people = List.copyOf(people);
        places = List.copyOf(places);
        authors = List.copyOf(authors);
        recipients = List.copyOf(recipients);
        languages = List.copyOf(languages);
    }

    /** Whether the record has a date, and so a period in the index. */
    boolean dated() {
        return earliest != null;
    }

    IndexedRecord(int id, String title, String summary, LocalDate earliest, LocalDate latest, String typeKey,
                  List<String> people, List<String> places, String sortTitle, List<String> authors,
                  List<String> recipients) {
        this(id, title, summary, earliest, latest, typeKey, people, places, sortTitle, authors, recipients, List.of());
    }

    IndexedRecord(int id, String title, String summary, LocalDate earliest, LocalDate latest, String typeKey,
                  List<String> people, List<String> places, String sortTitle) {
        this(id, title, summary, earliest, latest, typeKey, people, places, sortTitle, List.of(), List.of());
    }
}
