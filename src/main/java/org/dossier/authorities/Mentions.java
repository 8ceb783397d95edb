package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.Slugs;
import org.jooq.DSLContext;

/**
 * The records that name a person or place in their title or summary but are not linked to it yet:
 * what an editor links after adding a name or a form of it, and what {@code relink} links. Records
 * are found by a {@link Candidates} source (the search index on a server, a scan of the text on
 * the command line), then each is read by the {@link Extractor} with the whole lists, as an import
 * reads it: it must name this authority (the longest name wins, so "Kim Il Sung" is not "Kim"), and
 * the title's shape gives a person's role.
 */
public final class Mentions {

    /** Where records containing a form of a name are looked for. */
    @FunctionalInterface
    public interface Candidates {
        Collection<Integer> containing(String form);
    }

    /** A record that names the authority: by which form, and (for a person) in what role. */
    public record Mention(int documentId, String title, String form, PersonRole role) {
    }

    /** How many records a form of the name is found in. */
    public record FormCount(String form, int records) {
    }

    /** What would be linked: the records, and how many each form of the name finds, most first. */
    public record Preview(List<Mention> mentions, List<FormCount> byForm) {
        public int total() {
            return mentions.size();
        }
    }

    private static final int CHUNK = 500;

    private Mentions() {
    }

    /** Records containing a form, case aside, by scanning titles and summaries in the database. */
    public static Candidates scanning(DSLContext db) {
        return form -> db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.WITHDRAWN_AT.isNull())
                .and(DOCUMENT.TITLE.containsIgnoreCase(form).or(DOCUMENT.SUMMARY.containsIgnoreCase(form)))
                .fetch(DOCUMENT.ID);
    }

    /**
     * Records containing a form, as the search index finds the quoted phrase (case and accents
     * folded); by a scan when the index is not open yet.
     */
    public static Candidates searching(org.dossier.search.SearchEngine engine, Candidates fallback) {
        return form -> {
            String phrase = "\"" + form.replace("\"", " ").strip() + "\"";
            try {
                return java.util.Arrays.stream(engine.hitIds(org.dossier.search.SearchRequest.of(phrase)
                        .sortedBy(org.dossier.search.SortOrder.DATE_NEWEST).withoutPaging())).boxed().toList();
            } catch (org.dossier.search.SearchUnavailableException e) {
                return fallback.containing(form);
            }
        };
    }

    public static Preview unlinked(DSLContext db, StoredAuthority authority, Candidates candidates) {
        AuthorityTables t = AuthorityTables.of(authority.kind());
        List<String> forms = new ArrayList<>();
        forms.add(authority.content().name());
        authority.content().aliases().forEach(a -> forms.add(a.name()));
        forms.sort(Comparator.comparingInt(String::length).reversed());
        Set<Integer> found = new TreeSet<>();
        forms.forEach(f -> found.addAll(candidates.containing(f)));
        found.removeAll(new HashSet<>(db.select(t.linkedDocument()).from(t.links())
                .where(t.linkedAuthority().eq(authority.id())).fetch(t.linkedDocument())));
        if (found.isEmpty()) {
            return new Preview(List.of(), List.of());
        }
        Extractor extractor = Extractor.load(db);
        List<Mention> mentions = new ArrayList<>();
        Map<String, Integer> byForm = new TreeMap<>();
        List<Integer> ids = new ArrayList<>(found);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Integer> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY).from(DOCUMENT)
                    .where(DOCUMENT.ID.in(chunk)).and(DOCUMENT.WITHDRAWN_AT.isNull()).orderBy(DOCUMENT.ID)
                    .forEach(r -> {
                        Extraction read = extractor.extract(r.get(DOCUMENT.TITLE), RecordDraft.paragraphs(r.get(DOCUMENT.SUMMARY)));
                        boolean names = authority.kind() == AuthorityKind.PERSON
                                ? read.people().containsKey(authority.id()) : read.places().contains(authority.id());
                        if (!names) {
                            return;
                        }
                        String form = formIn(forms, r.get(DOCUMENT.TITLE) + "\n" + r.get(DOCUMENT.SUMMARY));
                        PersonRole role = authority.kind() == AuthorityKind.PERSON ? read.people().get(authority.id()) : null;
                        mentions.add(new Mention(r.get(DOCUMENT.ID), r.get(DOCUMENT.TITLE), form, role));
                        byForm.merge(form, 1, Integer::sum);
                    });
        }
        List<FormCount> counts = new ArrayList<>();
        byForm.forEach((form, n) -> counts.add(new FormCount(form, n)));
        counts.sort(Comparator.comparingInt(FormCount::records).reversed());
        return new Preview(mentions, counts);
    }

    /** The longest of the forms the text contains, folded as names are matched. */
    private static String formIn(List<String> longestFirst, String text) {
        String folded = " " + Slugs.foldToAscii(text).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (String form : longestFirst) {
            String f = Slugs.foldToAscii(form).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
            if (!f.isEmpty() && folded.contains(" " + f + " ")) {
                return form;
            }
        }
        return longestFirst.get(longestFirst.size() - 1);
    }
}
