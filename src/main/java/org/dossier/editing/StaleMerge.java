package org.dossier.editing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;

/**
 * A stale save's form (a record's, a person's or a place's), merged field by field with the version
 * saved since it was opened (the version opened is the common ancestor). A field the editor left as
 * it was takes what the other saved: sent again as it stood, it would quietly undo their
 * correction. A field only the editor changed keeps what they typed. A field both changed keeps what
 * the editor typed and is named, to be compared with the saved version beside it; a list both
 * changed (languages, people, places, other forms of a name) holds both sets of changes, each
 * addition and removal, and is named too.
 *
 * @param form      the editor's form, merged, with their note
 * @param taken     fields the editor had not changed, now as the other saved them ("Title")
 * @param both      fields both changed, kept as the editor typed them
 * @param combined  lists both changed, holding both sets of changes
 */
public record StaleMerge<F>(F form, List<String> taken, List<String> both, List<String> combined) {

    public StaleMerge {
        Objects.requireNonNull(form, "a merged form");
        taken = List.copyOf(taken);
        both = List.copyOf(both);
        combined = List.copyOf(combined);
    }

    /** Which side a field comes from. */
    private enum Side { MINE, THEIRS, BOTH }

    /** The fields named so far, by where they come from. */
    private static final class Fields {
        final List<String> taken = new ArrayList<>();
        final List<String> both = new ArrayList<>();
        final List<String> combined = new ArrayList<>();

        /** Whether {@code field} comes from the other's save; names it as taken or as changed by both. */
        boolean fromTheirs(String field, Side side) {
            if (side == Side.THEIRS) {
                taken.add(field);
            } else if (side == Side.BOTH) {
                both.add(field);
            }
            return side == Side.THEIRS;
        }
    }

    /** Where a field comes from: the editor's where the other left it or made it the same, theirs where only they changed it. */
    private static <T> Side side(T opened, T theirs, T mine) {
        if (Objects.equals(theirs, opened) || Objects.equals(theirs, mine)) {
            return Side.MINE;
        }
        return Objects.equals(mine, opened) ? Side.THEIRS : Side.BOTH;
    }

    /**
     * @param typed     the stale form as posted (what {@code mine} was read from)
     * @param savedForm the version saved now, as its edit form shows it
     */
    public static StaleMerge<RecordForm> of(RecordDraft opened, RecordDraft theirs, RecordDraft mine, RecordForm typed,
                                RecordForm savedForm, AuthorityLists.Lists lists) {
        Fields fields = new Fields();
        String title = fields.fromTheirs("Title", side(opened.title(), theirs.title(), mine.title()))
                ? savedForm.title() : typed.title();
        String date = fields.fromTheirs("Date", side(opened.date(), theirs.date(), mine.date()))
                ? savedForm.date() : typed.date();
        String type = fields.fromTheirs("Type", side(opened.typeId(), theirs.typeId(), mine.typeId()))
                ? savedForm.type() : typed.type();

        String languages = typed.languages();
        switch (side(opened.languages().tags(), theirs.languages().tags(), mine.languages().tags())) {
            case THEIRS -> {
                fields.taken.add("Languages");
                languages = savedForm.languages();
            }
            case BOTH -> {
                List<String> merged = new ArrayList<>(
                        merged(asMap(opened.languages().tags()), asMap(theirs.languages().tags()),
                                asMap(mine.languages().tags())).keySet());
                if (merged.size() > Languages.MOST) {
                    fields.both.add("Languages");
                } else {
                    fields.combined.add("Languages");
                    languages = new Languages(merged).namesText();
                }
            }
            case MINE -> {
            }
        }

        List<String> people = typed.people();
        Map<String, String> roles = typed.roles();
        Map<String, String> order = typed.order();
        switch (side(List.copyOf(opened.people().entrySet()), List.copyOf(theirs.people().entrySet()),
                List.copyOf(mine.people().entrySet()))) {
            case THEIRS -> {
                fields.taken.add("People");
                people = savedForm.people();
                roles = savedForm.roles();
                order = savedForm.order();
            }
            case BOTH -> {
                fields.combined.add("People");
                Map<String, String> mergedRoles = new LinkedHashMap<>();
                merged(keyed(opened.people(), lists), keyed(theirs.people(), lists), keyed(mine.people(), lists))
                        .forEach((id, role) -> mergedRoles.merge(id, role, StaleMerge::stronger));
                Map<String, String> mergedOrder = new LinkedHashMap<>();
                mergedRoles.keySet().forEach(id -> mergedOrder.put(id, String.valueOf(mergedOrder.size() + 1)));
                people = List.copyOf(mergedRoles.keySet());
                roles = mergedRoles;
                order = mergedOrder;
            }
            case MINE -> {
            }
        }

        List<String> places = typed.places();
        switch (side(opened.places(), theirs.places(), mine.places())) {
            case THEIRS -> {
                fields.taken.add("Places");
                places = savedForm.places();
            }
            case BOTH -> {
                fields.combined.add("Places");
                places = List.copyOf(merged(placesOf(opened, lists), placesOf(theirs, lists), placesOf(mine, lists)).keySet());
            }
            case MINE -> {
            }
        }

        String summary = fields.fromTheirs("Summary", side(opened.summary(), theirs.summary(), mine.summary()))
                ? savedForm.summary() : typed.summary();
        return new StaleMerge<>(new RecordForm(title, date, summary, type, languages, people, roles, order, places,
                typed.note()), fields.taken, fields.both, fields.combined);
    }

    /**
     * A person's or place's form: its name, sort form, note and kind field by field, its other
     * forms as a list (keyed by the form, with its kind).
     *
     * @param typed     the stale form as posted (what {@code mine} was read from)
     * @param savedForm the version saved now, as its edit form shows it
     */
    public static StaleMerge<AuthorityEditForm> of(AuthorityContent opened, AuthorityContent theirs,
            AuthorityContent mine, AuthorityEditForm typed, AuthorityEditForm savedForm) {
        Fields fields = new Fields();
        String name = fields.fromTheirs("Name", side(opened.name(), theirs.name(), mine.name()))
                ? savedForm.name() : typed.name();
        String sortName = fields.fromTheirs("Sort form", side(opened.sortName(), theirs.sortName(), mine.sortName()))
                ? savedForm.sortName() : typed.sortName();
        String kind = fields.fromTheirs("Kind", side(opened.kind(), theirs.kind(), mine.kind()))
                ? savedForm.kind() : typed.kind();
        String description = fields.fromTheirs("Note", side(opened.description(), theirs.description(), mine.description()))
                ? savedForm.description() : typed.description();
        List<AuthorityEditForm.Row> rows = typed.rows();
        switch (side(opened.aliases(), theirs.aliases(), mine.aliases())) {
            case THEIRS -> {
                fields.taken.add("Other forms");
                rows = savedForm.rows();
            }
            case BOTH -> {
                fields.combined.add("Other forms");
                rows = merged(aliases(opened), aliases(theirs), aliases(mine)).entrySet().stream()
                        .map(e -> new AuthorityEditForm.Row(e.getKey(), e.getValue())).toList();
            }
            case MINE -> {
            }
        }
        return new StaleMerge<>(new AuthorityEditForm(name, sortName, description, kind, rows, typed.note(), typed.dropOldName()),
                fields.taken, fields.both, fields.combined);
    }

    private static Map<String, String> aliases(AuthorityContent content) {
        Map<String, String> keyed = new LinkedHashMap<>();
        content.aliases().forEach(a -> keyed.put(a.name(), a.kind().key()));
        return keyed;
    }

    /**
     * A list both changed, element by element: what either added is in, what either removed is out;
     * an element kept by both has the value the other gave it unless the editor changed it (a role).
     * In the editor's order, then what only the other added, in theirs.
     */
    private static <V> Map<String, V> merged(Map<String, V> opened, Map<String, V> theirs, Map<String, V> mine) {
        Map<String, V> merged = new LinkedHashMap<>();
        mine.forEach((key, value) -> {
            boolean mineAsOpened = Objects.equals(opened.get(key), value);
            if (opened.containsKey(key) && !theirs.containsKey(key) && mineAsOpened) {
                return;
            }
            merged.put(key, mineAsOpened && theirs.containsKey(key) ? theirs.get(key) : value);
        });
        theirs.forEach((key, value) -> {
            if (!opened.containsKey(key) && !mine.containsKey(key)) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Map<String, Boolean> asMap(List<String> tags) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag, true));
        return map;
    }

    /** People by the id the form offers (one merged away reads as its survivor) with their roles' keys. */
    private static Map<String, String> keyed(Map<Integer, PersonRole> people, AuthorityLists.Lists lists) {
        Map<String, String> keyed = new LinkedHashMap<>();
        people.forEach((id, role) -> keyed.merge(String.valueOf(lists.standing(AuthorityKind.PERSON, id)), role.key(),
                StaleMerge::stronger));
        return keyed;
    }

    private static String stronger(String role, String other) {
        return PersonRole.fromKey(role).orElseThrow().strongest(PersonRole.fromKey(other).orElseThrow()).key();
    }

    private static Map<String, Boolean> placesOf(RecordDraft draft, AuthorityLists.Lists lists) {
        Map<String, Boolean> keyed = new LinkedHashMap<>();
        draft.places().forEach(id -> keyed.put(String.valueOf(lists.standing(AuthorityKind.PLACE, id)), true));
        return keyed;
    }
}
