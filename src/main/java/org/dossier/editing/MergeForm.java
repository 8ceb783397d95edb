package org.dossier.editing;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.ControlCharacters;
import org.dossier.web.FormFields;

/**
 * What the merge form of a person or place posts, as typed, so that a refused form comes back with
 * the choice and the note: the version its page was opened at, the key of the one it is the same as,
 * and the note both histories are given. {@link #check} says what is wrong with it, by field.
 */
record MergeForm(int opened, String survivorKey, String note) {

    MergeForm {
        Objects.requireNonNull(survivorKey);
        Objects.requireNonNull(note);
    }

    /**
     * The form checked: what is wrong with it, by field; the survivor the list shows chosen if it comes
     * back ("" for none); and the one it is merged into, when the key names one it can be (another
     * entry, not merged away), whatever else is wrong: a merge sent again is found by it.
     */
    record Checked(Map<String, String> errors, String chosen, Optional<StoredAuthority> survivor) {
        Checked {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors)); // in the order found, as shown
            Objects.requireNonNull(chosen);
            Objects.requireNonNull(survivor);
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }

    static MergeForm posted(Context ctx) {
        int opened = Forms.number(ctx, "version");
        String survivorKey = FormFields.text(ctx, "survivor").strip();
        // The note goes into both histories and every moved record's revision: checked as the
        // authority form checks its note (a bidi control dropped, a control character refused).
        return new MergeForm(opened, survivorKey, ChangeNote.posted(ctx));
    }

    /** Checked against {@code authority}, the one to merge, and the entries as {@code authorities} reads them now. */
    Checked check(StoredAuthority authority, AuthorityRecords authorities) {
        AuthorityKind kind = authority.kind();
        // No key has a control character, and PostgreSQL refuses a NUL in a query's text outright.
        Optional<StoredAuthority> survivor = ControlCharacters.firstControl(survivorKey).isPresent() ? Optional.empty()
                : authorities.find(kind, survivorKey).filter(s -> !s.merged() && s.id() != authority.id());
        Map<String, String> errors = new LinkedHashMap<>();
        String chosen = survivorKey;
        if (survivor.isEmpty()) {
            SurvivorRefused refused = survivorRefused(authorities, authority);
            errors.put("survivor", refused.message());
            chosen = refused.instead();
        }
        survivor.flatMap(s -> otherKind(authority, s)).ifPresent(message -> errors.put("survivor", message));
        ChangeNote.problem(note, "Say why they are one: the note is kept in both histories.")
                .ifPresent(message -> errors.put("note", message));
        if (authority.merged()) {
            errors.put("survivor", mergedMeanwhile(authorities, authority));
        } else if (authorities.restoreUnderWay(authority)) {
            errors.put("survivor", "Its last merge is still being undone: " + authorities.stillToMove(authority)
                    + " records are still to come back to it. Merge it once they have.");
        }
        return new Checked(errors, chosen, survivor);
    }

    /** Why the one chosen cannot take the merge, and which to choose instead ("" for none). */
    private record SurvivorRefused(String message, String instead) {
    }

    /**
     * The list offers only others not merged away, so a choice it refuses came from a page opened
     * before another editor's merge, or from a hand-written post: each is told what is wrong with it.
     * One merged away since is followed to where its records and forms are now, chosen for the
     * editor to confirm.
     */
    private SurvivorRefused survivorRefused(AuthorityRecords authorities, StoredAuthority authority) {
        AuthorityKind kind = authority.kind();
        String noun = kind.noun();
        String key = survivorKey;
        if (key.isEmpty() || ControlCharacters.firstControl(key).isPresent()) {
            return new SurvivorRefused("Choose the " + noun + " this one is the same as.", "");
        }
        if (key.equals(authority.key())) {
            return new SurvivorRefused("A " + noun + " cannot be merged into itself: choose the other entry of the same "
                    + noun + ".", "");
        }
        var found = authorities.find(kind, key);
        if (found.isEmpty()) {
            AuthorityKind other = kind == AuthorityKind.PERSON ? AuthorityKind.PLACE : AuthorityKind.PERSON;
            return new SurvivorRefused(authorities.find(other, key).isPresent()
                    ? "'" + key + "' is a " + other.noun() + ": a " + noun + " is merged only into another " + noun + "."
                    : "There is no " + noun + " '" + key + "'. Choose the " + noun + " this one is the same as.", "");
        }
        StoredAuthority now = found.get();
        for (int hops = 0; now != null && now.merged() && hops < 100; hops++) {
            now = authorities.find(kind, now.mergedInto()).orElse(null);
        }
        if (now == null || now.merged()) {
            return new SurvivorRefused("Choose the " + noun + " this one is the same as.", "");
        }
        if (now.id() == authority.id()) {
            return new SurvivorRefused(found.get().name() + " was merged into this " + noun
                    + " already: its records and forms of the name are this one's. Nothing was merged.", "");
        }
        return new SurvivorRefused(found.get().name() + " was merged into " + now.name() + " (" + now.key()
                + ") after this page was opened: its records and forms of the name are there now. " + now.name()
                + " is chosen below: merge again to merge into it.", now.key());
    }

    /**
     * Why a person is not merged into an organisation, nor one into the other: the records would cite
     * a body under a person's inverted name, or a person whole, and the merge's undoing could not say
     * which of the two the entry was. One entered as the wrong kind is changed on its form first.
     */
    static Optional<String> otherKind(StoredAuthority merged, StoredAuthority survivor) {
        EntityType mine = merged.content().kind();
        EntityType theirs = survivor.content().kind();
        if (mine == theirs) {
            return Optional.empty();
        }
        return Optional.of(merged.name() + " is " + mine.withArticle() + " and " + survivor.name() + " ("
                + survivor.key() + ") " + theirs.withArticle() + ": " + mine.withArticle() + " is merged only into another "
                + mine.key() + ". Nothing was merged. If one of them was entered as the wrong kind, change that on its "
                + "edit form first (“A person or an organisation”), then merge them.");
    }

    /** Another editor's merge of this one came first: where it went, which "someone changed it" left unsaid. */
    static String mergedMeanwhile(AuthorityRecords authorities, StoredAuthority now) {
        return "Someone merged this " + now.noun() + " into " + authorities.named(now.kind(), now.mergedInto())
                + " while you had this page open. Nothing else was merged: its records and forms of the name are there now.";
    }
}
