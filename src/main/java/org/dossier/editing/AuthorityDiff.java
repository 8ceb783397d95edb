package org.dossier.editing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityVersion;

/**
 * What one version of a person or place changed against another, as the record history shows it
 * ({@link RevisionDiff}): word-level diffs of the name, sort form and note, and the other forms of
 * the name as a list, each kept, removed or added ("Filippov (pseudonym)").
 */
final class AuthorityDiff {

    private AuthorityDiff() {
    }

    /** @param before the earlier content, or null when {@code after} is the first */
    static RevisionDiff between(AuthorityContent before, AuthorityContent after) {
        List<RevisionDiff.Change> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        RevisionDiff.compare("Name", before == null ? "" : before.name(), after.name(), true, changes, unchanged);
        RevisionDiff.compare("Sort form", before == null ? "" : before.sortName(), after.sortName(), true, changes, unchanged);
        RevisionDiff.compare("Kind", before == null ? "" : before.kind().key(), after.kind().key(), false, changes, unchanged);
        RevisionDiff.compare("Note", before == null ? "" : before.description(), after.description(), true, changes, unchanged);
        var was = new TreeSet<String>(before == null ? List.of()
                : before.aliases().stream().map(AuthorityContent.Alias::display).toList());
        var now = new TreeSet<String>(after.aliases().stream().map(AuthorityContent.Alias::display).toList());
        if (was.equals(now)) {
            unchanged.add("Other forms");
        } else {
            var all = new TreeSet<String>(was);
            all.addAll(now);
            List<WordDiff.Part> parts = new ArrayList<>();
            for (String form : all) {
                if (!parts.isEmpty()) {
                    parts.add(new WordDiff.Part(WordDiff.Kind.SAME, "; "));
                }
                parts.add(new WordDiff.Part(was.contains(form) && now.contains(form) ? WordDiff.Kind.SAME
                        : was.contains(form) ? WordDiff.Kind.DELETED : WordDiff.Kind.INSERTED, form));
            }
            changes.add(new RevisionDiff.Change("Other forms", WordDiff.html(parts)));
        }
        return new RevisionDiff(changes, unchanged);
    }

    static RevisionDiff between(AuthorityVersion before, AuthorityVersion after) {
        RevisionDiff diff = between(before == null ? null : before.content(), after.content());
        String wasMerged = before == null ? null : before.mergedInto();
        if (after.mergedInto() != null || wasMerged != null) {
            List<RevisionDiff.Change> changes = new ArrayList<>(diff.changes());
            List<WordDiff.Part> parts = WordDiff.between(wasMerged == null ? "" : "Merged into " + wasMerged,
                    after.mergedInto() == null ? "" : "Merged into " + after.mergedInto());
            if (WordDiff.changed(parts)) {
                changes.add(new RevisionDiff.Change("Status", WordDiff.html(parts)));
            }
            return new RevisionDiff(changes, diff.unchanged());
        }
        return diff;
    }
}
