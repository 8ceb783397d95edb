package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;

import java.util.ArrayList;
import java.util.BitSet;
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

    /**
     * What would be linked: the records that name the authority among those read, and how many each
     * form of the name finds among them, most first. {@code candidates} is how many records that are
     * not linked to it contain a form of its name (the search's count, before each is read);
     * {@code after} is the id the reading began after, and {@code nextAfter} the id to go on after
     * when candidates were left unread (null when every one from {@code after} on was read).
     */
    public record Preview(List<Mention> mentions, List<FormCount> byForm, int candidates, int after, Integer nextAfter) {
        public Preview {
            mentions = List.copyOf(mentions);
            byForm = List.copyOf(byForm);
        }

        public int total() {
            return mentions.size();
        }

        /** Whether every candidate was read: the mentions are all there are. */
        public boolean complete() {
            return after == 0 && nextAfter == null;
        }
    }

    /**
     * How much of the candidates a page reads: at most {@code mentions} records that name the
     * authority, reading at most {@code reads} candidates to find them. A common name in a large
     * catalogue has hundreds of thousands of candidates; reading them all took half a minute and
     * showing them all ran the server out of memory (a million records, 2026-12-02).
     */
    public record Bound(int mentions, int reads) {
        public static final Bound EVERYTHING = new Bound(Integer.MAX_VALUE, Integer.MAX_VALUE);
        /** An editor's page: the records to tick, and a second or so of reading at most. */
        public static final Bound PAGE = new Bound(200, 5_000);

        public Bound {
            if (mentions < 1 || reads < 1) {
                throw new IllegalArgumentException("a page reads and shows at least one record");
            }
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

    /** Every record that names the authority and is not linked to it: what {@code relink} links. */
    public static Preview unlinked(DSLContext db, StoredAuthority authority, Candidates candidates) {
        return unlinked(db, authority, candidates, 0, Bound.EVERYTHING);
    }

    /**
     * The records that name the authority and are not linked to it, in the order of their ids, from
     * the first id after {@code after}, as far as {@code bound} reads.
     */
    public static Preview unlinked(DSLContext db, StoredAuthority authority, Candidates candidates, int after, Bound bound) {
        List<String> forms = forms(authority);
        BitSet found = new BitSet();
        searched(forms).forEach(f -> candidates.containing(f).forEach(found::set));
        AuthorityTables t = AuthorityTables.of(authority.kind());
        db.select(t.linkedDocument()).from(t.links()).where(t.linkedAuthority().eq(authority.id()))
                .fetch(t.linkedDocument()).forEach(found::clear);
        int[] ids = found.stream().toArray();
        int from = after < 0 ? 0 : java.util.Arrays.binarySearch(ids, after + 1);
        from = from < 0 ? -from - 1 : from;
        int until = (int) Math.min(ids.length, (long) from + bound.reads());
        List<Mention> mentions = new ArrayList<>();
        int read = from;
        if (from < until) {
            Reading reading = new Reading(db, authority, forms);
            while (read < until && mentions.size() < bound.mentions()) {
                int end = Math.min(until, read + CHUNK);
                read = reading.read(ids, read, end, mentions, bound.mentions());
            }
        }
        // Whenever candidates are left, at least one was read (a bound reads one or more).
        Integer nextAfter = read < ids.length ? Integer.valueOf(ids[read - 1]) : null;
        return new Preview(mentions, byForm(mentions), ids.length, Math.max(after, 0), nextAfter);
    }

    /**
     * Those of {@code ids} (an editor's ticks) that name the authority and are not linked to it:
     * what a form's ticks link, read again, never taken on trust.
     */
    public static List<Mention> confirm(DSLContext db, StoredAuthority authority, Collection<Integer> ids) {
        AuthorityTables t = AuthorityTables.of(authority.kind());
        Set<Integer> chosen = new TreeSet<>(ids);
        chosen.removeAll(new HashSet<>(db.select(t.linkedDocument()).from(t.links())
                .where(t.linkedAuthority().eq(authority.id())).and(t.linkedDocument().in(chosen))
                .fetch(t.linkedDocument())));
        int[] sorted = chosen.stream().mapToInt(Integer::intValue).toArray();
        List<Mention> mentions = new ArrayList<>();
        Reading reading = new Reading(db, authority, forms(authority));
        for (int from = 0; from < sorted.length; from += CHUNK) {
            reading.read(sorted, from, Math.min(sorted.length, from + CHUNK), mentions, Integer.MAX_VALUE);
        }
        return mentions;
    }

    /** The name and its other forms, longest first (so that "Kim Il Sung" is tried before "Kim"). */
    private static List<String> forms(StoredAuthority authority) {
        List<String> forms = new ArrayList<>();
        forms.add(authority.content().name());
        authority.content().aliases().forEach(a -> forms.add(a.name()));
        forms.sort(Comparator.comparingInt(String::length).reversed());
        return forms;
    }

    /**
     * The forms worth looking for: a form that holds another's words in a row ("I. V. Stalin" holds
     * "Stalin") finds nothing the shorter one does not, and Stalin's twelve forms are five searches.
     */
    static List<String> searched(List<String> forms) {
        List<String> words = forms.stream().map(Mentions::folded).toList();
        List<String> searched = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            String padded = " " + words.get(i) + " ";
            boolean held = false;
            for (int j = 0; j < forms.size() && !held; j++) {
                String other = words.get(j);
                // A shorter form it holds, or the same words given earlier.
                held = j != i && !other.isEmpty() && padded.contains(" " + other + " ")
                        && (other.length() < words.get(i).length() || j < i);
            }
            if (!held) {
                searched.add(forms.get(i));
            }
        }
        return searched;
    }

    /** A name's words as names are matched: accents and case folded, anything else a space. */
    private static String folded(String text) {
        return Slugs.foldToAscii(text).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static List<FormCount> byForm(List<Mention> mentions) {
        Map<String, Integer> byForm = new TreeMap<>();
        mentions.forEach(m -> byForm.merge(m.form(), 1, Integer::sum));
        List<FormCount> counts = new ArrayList<>();
        byForm.forEach((form, n) -> counts.add(new FormCount(form, n)));
        counts.sort(Comparator.comparingInt(FormCount::records).reversed());
        return counts;
    }

    /** Reads records as an import reads them, with the whole lists, and keeps those that name the authority. */
    private static final class Reading {
        private final DSLContext db;
        private final StoredAuthority authority;
        private final List<String> forms;
        private final Extractor extractor;

        Reading(DSLContext db, StoredAuthority authority, List<String> forms) {
            this.db = db;
            this.authority = authority;
            this.forms = forms;
            this.extractor = Extractor.load(db);
        }

        /**
         * Reads the records {@code ids[from..end)} in order, adding those that name the authority to
         * {@code mentions} until it holds {@code most}; returns the index after the last id read.
         */
        int read(int[] ids, int from, int end, List<Mention> mentions, int most) {
            List<Integer> chunk = new ArrayList<>(end - from);
            for (int i = from; i < end; i++) {
                chunk.add(ids[i]);
            }
            var rows = db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY).from(DOCUMENT)
                    .where(DOCUMENT.ID.in(chunk)).and(DOCUMENT.WITHDRAWN_AT.isNull()).orderBy(DOCUMENT.ID)
                    .fetch();
            int next = from;
            for (var r : rows) {
                int id = r.get(DOCUMENT.ID);
                while (next < end && ids[next] <= id) {
                    next++;
                }
                Extraction read = extractor.extract(r.get(DOCUMENT.TITLE), RecordDraft.paragraphs(r.get(DOCUMENT.SUMMARY)));
                boolean names = authority.kind() == AuthorityKind.PERSON
                        ? read.people().containsKey(authority.id()) : read.places().contains(authority.id());
                if (!names) {
                    continue;
                }
                String form = formIn(forms, r.get(DOCUMENT.TITLE) + "\n" + r.get(DOCUMENT.SUMMARY));
                PersonRole role = authority.kind() == AuthorityKind.PERSON ? read.people().get(authority.id()) : null;
                mentions.add(new Mention(id, r.get(DOCUMENT.TITLE), form, role));
                if (mentions.size() >= most) {
                    return next;
                }
            }
            return end;
        }
    }

    /** The longest of the forms the text contains, folded as names are matched. */
    private static String formIn(List<String> longestFirst, String text) {
        String folded = " " + folded(text) + " ";
        for (String form : longestFirst) {
            String f = folded(form);
            if (!f.isEmpty() && folded.contains(" " + f + " ")) {
                return form;
            }
        }
        return longestFirst.get(longestFirst.size() - 1);
    }
}
