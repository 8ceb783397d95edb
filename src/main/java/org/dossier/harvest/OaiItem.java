package org.dossier.harvest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.PersonLink;

/**
 * A record as OAI-PMH sees it: its header (id, datestamp, whether it is deleted, its sets) and
 * the few fields its Dublin Core needs.
 *
 * @param datestamp when the record last changed: its last revision's time, or a later rename of a
 *                  person or place it names, UTC, to the second
 * @param typeKey the key of its document type, or null
 */
record OaiItem(int id, Instant datestamp, boolean deleted, String typeKey, String typeLabel, Languages languages,
               Optional<DocumentDate> date,
               String title, List<String> summary, List<PersonLink> people, List<String> places) {

    OaiItem {
        summary = List.copyOf(summary);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    OaiItem withSubjects(List<PersonLink> people, List<String> places) {
        return new OaiItem(id, datestamp, deleted, typeKey, typeLabel, languages, date, title, summary, people, places);
    }

    /** The sets the record is in: its type's, and every decade's its date may fall in ("1959–1961": the 1950s and 1960s; an undated record is in none). */
    List<String> setSpecs() {
        List<String> sets = new ArrayList<>();
        if (typeKey != null) {
            sets.add(OaiSets.ofType(typeKey));
        }
        date.ifPresent(d -> {
            for (int decade = OaiSets.decadeStart(d.year()); decade <= d.latest().getYear(); decade += 10) {
                sets.add(OaiSets.ofDecade(decade));
            }
        });
        return sets;
    }
}
