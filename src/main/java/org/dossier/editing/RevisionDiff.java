package org.dossier.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordVersion;

/**
 * What one version changed against the one before, field by field, as word-level diffs. The first
 * version is compared with nothing, so all of it shows as added.
 */
public record RevisionDiff(List<Change> changes, List<String> unchanged) {

    /**
     * One field's diff, as HTML built by {@link WordDiff#html} (every text escaped). {@code written}: the
     * field is one text someone wrote (a title, a summary, a name), set in its own direction; a list of
     * names with their roles, a date or a status is English around what it names, and stays in the page's.
     */
    public record Change(String field, String html, boolean written) {
        public Change(String field, String html) {
            this(field, html, false);
        }
    }

    public RevisionDiff {
        changes = List.copyOf(changes);
        unchanged = List.copyOf(unchanged);
    }

    public boolean empty() {
        return changes.isEmpty();
    }

    /** @param before the earlier version, or null when {@code after} is the first */
    public static RevisionDiff between(RecordVersion before, RecordVersion after) {
        List<Change> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Languages languagesBefore = before == null ? Languages.NONE : before.languages();
        compare("Title", before == null ? "" : before.title(), after.title(), languagesBefore, after.languages(), true,
                changes, unchanged);
        compare("Date", before == null ? "" : dateText(before), dateText(after), changes, unchanged);
        compare("Type", before == null ? "" : typeText(before), typeText(after), changes, unchanged);
        // Catalogues and versions from before languages were kept have none: not a field to list as unchanged.
        if (!languagesBefore.isEmpty() || !after.languages().isEmpty()) {
            compare("Languages", languagesBefore.namesText(), after.languages().namesText(), changes, unchanged);
        }
        compareLists("People", before == null ? Map.of() : withRoles(before.people()), withRoles(after.people()),
                changes, unchanged);
        if (before != null) {
            compareOrder(withRoles(before.people()), withRoles(after.people()), changes);
        }
        compareLists("Places", before == null ? Map.of() : names(before.places()), names(after.places()),
                changes, unchanged);
        compare("Summary", before == null ? "" : before.summaryText(), after.summaryText(), languagesBefore,
                after.languages(), true, changes, unchanged);
        if (before != null || after.withdrawnReason() != null) {
            compare("Status", before == null ? "" : status(before), status(after), changes, unchanged);
        }
        return new RevisionDiff(changes, unchanged);
    }

    private static void compare(String field, String before, String after, List<Change> changes, List<String> unchanged) {
        compare(field, before, after, false, changes, unchanged);
    }

    /** A field of no language of its own; {@code written}: see {@link Change}. */
    static void compare(String field, String before, String after, boolean written, List<Change> changes,
                        List<String> unchanged) {
        compare(field, before, after, Languages.NONE, Languages.NONE, written, changes, unchanged);
    }

    /**
     * A field's words, each part in its language: a text written in the record's languages (its
     * title, its summary) has what was taken out in the languages of the version before, what was put
     * in in those of this one, and what stayed in a language only where both say the same (see
     * {@link Languages#of}); with no languages, none.
     */
    private static void compare(String field, String before, String after, Languages languagesBefore,
                                Languages languagesAfter, boolean written, List<Change> changes, List<String> unchanged) {
        List<WordDiff.Part> parts = WordDiff.between(before, after);
        if (WordDiff.changed(parts)) {
            changes.add(new Change(field, WordDiff.html(parts, part -> switch (part.kind()) {
                case DELETED -> languagesBefore.of(part.text());
                case INSERTED -> languagesAfter.of(part.text());
                case SAME -> java.util.Objects.equals(languagesBefore.of(part.text()), languagesAfter.of(part.text()))
                        ? languagesAfter.of(part.text()) : null;
            }), written));
        } else {
            unchanged.add(field);
        }
    }

    /**
     * Names in alphabetical order, each kept, removed or added; never split into words. Each list
     * is keyed by who is named (and in what role), not by the name: a person renamed between the
     * two versions is kept, under the later name, not removed and added.
     */
    private static void compareLists(String field, Map<String, String> before, Map<String, String> after,
                                     List<Change> changes, List<String> unchanged) {
        if (before.keySet().equals(after.keySet())) {
            unchanged.add(field);
            return;
        }
        // Who was named and is no more, under the earlier name; who is named now, under the later one.
        record Named(String name, String who, WordDiff.Kind kind) {
        }
        List<Named> all = new ArrayList<>();
        before.forEach((who, name) -> {
            if (!after.containsKey(who)) {
                all.add(new Named(name, who, WordDiff.Kind.DELETED));
            }
        });
        after.forEach((who, name) -> all.add(new Named(name, who,
                before.containsKey(who) ? WordDiff.Kind.SAME : WordDiff.Kind.INSERTED)));
        all.sort(java.util.Comparator.comparing(Named::name).thenComparing(Named::who));
        List<WordDiff.Part> parts = new ArrayList<>();
        for (Named named : all) {
            if (!parts.isEmpty()) {
                parts.add(new WordDiff.Part(WordDiff.Kind.SAME, "; "));
            }
            parts.add(new WordDiff.Part(named.kind(), named.name()));
        }
        changes.add(new Change(field, WordDiff.html(parts)));
    }

    /**
     * The same people in the same roles, in another order ("B and A" where it said "A and B"): a
     * change of its own, which citations show, as the order before (deleted) and after (inserted).
     * Only where the people themselves are the same: a list that changed shows that already.
     */
    private static void compareOrder(Map<String, String> before, Map<String, String> after, List<Change> changes) {
        if (!before.keySet().equals(after.keySet()) || List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
            return;
        }
        List<WordDiff.Part> parts = List.of(new WordDiff.Part(WordDiff.Kind.DELETED, String.join("; ", before.values())),
                new WordDiff.Part(WordDiff.Kind.SAME, " "),
                new WordDiff.Part(WordDiff.Kind.INSERTED, String.join("; ", after.values())));
        changes.add(new Change("Order of people", WordDiff.html(parts)));
    }

        /** Who, in what role ("12 author"), named as "Joseph Stalin (author)": a changed role shows as the old entry removed and the new one added. */
    private static Map<String, String> withRoles(List<PersonLink> people) {
        Map<String, String> named = new LinkedHashMap<>();
        people.forEach(p -> named.put(p.id() + " " + p.role().key(), p.name() + " (" + p.role().key() + ")"));
        return named;
    }

    private static Map<String, String> names(List<AuthorityRef> refs) {
        Map<String, String> named = new LinkedHashMap<>();
        refs.forEach(r -> named.put(String.valueOf(r.id()), r.name()));
        return named;
    }

    private static String dateText(RecordVersion content) {
        return content.date().map(d -> d.display() + " (to " + d.knownTo() + ")").orElse(DocumentDate.UNDATED);
    }

    private static String typeText(RecordVersion content) {
        return content.type() == null ? "(none)" : content.type().name();
    }

    private static String status(RecordVersion content) {
        String reason = content.withdrawnReason();
        return reason == null ? "In the catalogue" : "Withdrawn: " + reason;
    }
}
