package org.dossier.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordVersion;

/**
 * What one version changed against the one before, field by field, as word-level diffs. The first
 * version is compared with nothing, so all of it shows as added.
 */
public record RevisionDiff(List<Change> changes, List<String> unchanged) {

    /** One field's diff, as HTML built by {@link WordDiff#html} (every text escaped). */
    public record Change(String field, String html) {
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
        compare("Title", before == null ? "" : before.title(), after.title(), changes, unchanged);
        compare("Date", before == null ? "" : dateText(before), dateText(after), changes, unchanged);
        compare("Type", before == null ? "" : typeText(before), typeText(after), changes, unchanged);
        compareLists("People", before == null ? List.of() : withRoles(before.people()), withRoles(after.people()),
                changes, unchanged);
        compareLists("Places", before == null ? List.of() : names(before.places()), names(after.places()),
                changes, unchanged);
        compare("Summary", before == null ? "" : before.summaryText(), after.summaryText(), changes, unchanged);
        if (before != null || after.withdrawnReason() != null) {
            compare("Status", before == null ? "" : status(before), status(after), changes, unchanged);
        }
        return new RevisionDiff(changes, unchanged);
    }

    private static void compare(String field, String before, String after, List<Change> changes, List<String> unchanged) {
        List<WordDiff.Part> parts = WordDiff.between(before, after);
        if (WordDiff.changed(parts)) {
            changes.add(new Change(field, WordDiff.html(parts)));
        } else {
            unchanged.add(field);
        }
    }

    /** Names in alphabetical order, each kept, removed or added; never split into words. */
    private static void compareLists(String field, List<String> before, List<String> after,
                                     List<Change> changes, List<String> unchanged) {
        var was = new TreeSet<String>(before);
        var now = new TreeSet<String>(after);
        if (was.equals(now)) {
            unchanged.add(field);
            return;
        }
        var all = new TreeSet<String>(was);
        all.addAll(now);
        List<WordDiff.Part> parts = new ArrayList<>();
        for (String name : all) {
            if (!parts.isEmpty()) {
                parts.add(new WordDiff.Part(WordDiff.Kind.SAME, "; "));
            }
            WordDiff.Kind kind = was.contains(name) && now.contains(name) ? WordDiff.Kind.SAME
                    : was.contains(name) ? WordDiff.Kind.DELETED : WordDiff.Kind.INSERTED;
            parts.add(new WordDiff.Part(kind, name));
        }
        changes.add(new Change(field, WordDiff.html(parts)));
    }

    /** "Joseph Stalin (author)": a changed role shows as the old entry removed and the new one added. */
    private static List<String> withRoles(List<PersonLink> people) {
        return people.stream().map(p -> p.name() + " (" + p.role().key() + ")").toList();
    }

    private static List<String> names(List<AuthorityRef> refs) {
        return refs.stream().map(AuthorityRef::name).toList();
    }

    private static String dateText(RecordVersion content) {
        return content.date().display() + " (to the " + content.date().precision().key() + ")";
    }

    private static String typeText(RecordVersion content) {
        return content.type() == null ? "(none)" : content.type().name();
    }

    private static String status(RecordVersion content) {
        String reason = content.withdrawnReason();
        return reason == null ? "In the catalogue" : "Withdrawn: " + reason;
    }
}
