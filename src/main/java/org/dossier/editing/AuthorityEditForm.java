package org.dossier.editing;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.authorities.AliasKind;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.PersonRole;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.PersonLink;
import org.dossier.documents.WhiteSpace;
import org.dossier.documents.WrittenText;
import org.dossier.web.Choice;
import org.dossier.web.FormFields;

/**
 * What the person or place form says, as typed: kept whole when the form comes back with a problem.
 * Other forms of the name are rows of a text and a kind; a row left empty is no form. {@link #check}
 * says, field by field, what to change.
 */
public record AuthorityEditForm(String name, String sortName, String description, String kind, List<Row> rows,
                                String note, boolean dropOldName, String citationSeen) {

    /** One other form of the name as typed. */
    public record Row(String name, String kind) {
    }

    /** A form someone else already has, with where it is: shown beside the refused row as a link. */
    public record Clash(String form, String key, String name, String path) {
    }

    /** The form checked: the content to save, or the problems by field ({@code alias-3} for a row). */
    public record Checked(AuthorityContent content, String note, Map<String, String> errors, Map<String, Clash> clashes) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2_000;
    /** Empty rows offered after the forms there are, for new ones (no script needed). */
    static final int BLANK_ROWS = 3;
    /** A row's field as the form numbers it (alias-0, alias-1, ...): at most nine digits, so always an int. */
    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("alias-(0|[1-9][0-9]{0,8})");

    public AuthorityEditForm {
        rows = List.copyOf(rows);
        citationSeen = citationSeen == null ? "" : citationSeen;
    }

    public AuthorityEditForm(String name, String sortName, String description, String kind, List<Row> rows,
                             String note, boolean dropOldName) {
        this(name, sortName, description, kind, rows, note, dropOldName, "");
    }

    /**
     * The form's hidden field that says which kind the editor was shown the citation of (see
     * {@link #asksCitation}): saved again with that kind, the sort form is kept as it is.
     */
    static final String CITATION_SEEN = "citation_seen";

    /**
     * The form's box that, ticked, does not keep a renamed one's old name as a former name: unticked
     * (and absent, as from a form opened before the box existed) the old name is kept.
     */
    static final String DROP_OLD_NAME = "drop_old_name";

    public static AuthorityEditForm empty(AuthorityKind kind) {
        return new AuthorityEditForm("", "", "", EntityType.usual(kind).key(), List.of(), "", false);
    }

    public static AuthorityEditForm of(StoredAuthority authority) {
        AuthorityContent c = authority.content();
        return new AuthorityEditForm(c.name(), c.sortName(), c.description(), c.kind().key(),
                c.aliases().stream().map(a -> new Row(a.name(), a.kind().key())).toList(), "", false);
    }

    public static AuthorityEditForm posted(Context ctx, AuthorityKind kind) {
        List<Row> rows = new ArrayList<>();
        // Every row the form sends, however many: an entry merged with others holds all their forms,
        // and a row left unread here would be a form dropped on saving. The body's size bounds them.
        // Every row present, in order, gaps or not (a hand-written post with alias-0 and alias-2 had
        // its alias-2 dropped without a word), as a record's form reads every person ticked.
        java.util.TreeMap<Integer, String> named = new java.util.TreeMap<>();
        ctx.formParamMap().forEach((field, values) -> {
            java.util.regex.Matcher row = ROW.matcher(field);
            if (row.matches() && !values.isEmpty()) {
                named.put(Integer.parseInt(row.group(1)), values.get(0));
            }
        });
        named.forEach((i, name) -> {
            String aliasKind = ctx.formParam("alias-kind-" + i);
            rows.add(new Row(name, aliasKind == null ? "" : aliasKind));
        });
        String posted = FormFields.text(ctx, "kind");
        return new AuthorityEditForm(FormFields.text(ctx, "name"), FormFields.text(ctx, "sort_name"),
                FormFields.text(ctx, "description"), kind == AuthorityKind.PLACE ? EntityType.PLACE.key() : posted, rows,
                FormFields.text(ctx, "note"), ctx.formParam(DROP_OLD_NAME) != null, FormFields.text(ctx, CITATION_SEEN));
    }

    /**
     * Whether saving asks first how the entry will be cited: its kind changed (person to
     * organisation or back) with the sort form left as the other kind had it, and the editor has
     * not been shown it for this kind yet. "Hungary, Legation in the DPRK" made a person was cited
     * with "Hungary" as a family name in BibTeX, CSL and Chicago; a person's "Stalin, Joseph" made
     * an organisation is listed under it.
     */
    public boolean asksCitation(AuthorityContent opened) {
        var type = EntityType.of(AuthorityKind.PERSON, kind);
        return opened != null && type.isPresent() && (type.get() == EntityType.ORGANISATION) != opened.organisation()
                && oneSpaceApart(sortName).equals(opened.sortName()) && !kind.equals(citationSeen);
    }

    /**
     * The checked form with the question of {@link #asksCitation} at the sort form when it asks it
     * ({@code opened} the version the form was opened at: a kind another editor changed meanwhile
     * is the conflict page's, not this question's), unless the name or sort form is refused already.
     */
    Checked askingCitation(Checked checked, AuthorityContent opened) {
        if (!asksCitation(opened) || checked.errors().containsKey("sort_name") || checked.errors().containsKey("name")) {
            return checked;
        }
        boolean organisation = EntityType.ORGANISATION.key().equals(kind);
        Map<String, String> errors = new LinkedHashMap<>(checked.errors());
        errors.put("sort_name", "As " + (organisation ? "an organisation" : "a person") + ", “" + oneSpaceApart(name) + "” is "
                + citation(organisation) + ". " + (organisation
                        ? "Write the heading an organisation is listed under (“Hungary, Legation in the DPRK”), or empty the sort form to list it under its name;"
                        : "Write the sort form as “Family, Given” if that is not their name;")
                + " or save again to keep it as it is.");
        return new Checked(null, checked.note(), errors, checked.clashes());
    }

    /**
     * The form of {@code authority} checked for saving over it: against what it says now and the forms
     * the others have ({@code owners}), a rename keeping the name of {@code opened}, the version the form
     * was opened at (the name the editor saw and renamed, so that the same form sent twice keeps the same
     * old name, not the new one as its own), and asking how it will be cited where that is asked
     * ({@link #askingCitation}).
     */
    Checked checkSaving(StoredAuthority authority, AuthorityContent opened,
                        Map<String, List<AuthorityRecords.Owner>> owners) {
        return askingCitation(check(authority.kind(), authority.content(), opened.name(), owners), opened);
    }

    /**
     * How the name and sort form as typed are cited as a person, or as an organisation: the
     * family and given names as citations read them ({@link PersonLink}), or the name whole.
     */
    public String citation(boolean organisation) {
        String name = oneSpaceApart(this.name);
        PersonLink cited = new PersonLink(0, "", name, oneSpaceApart(sortName), organisation, PersonRole.AUTHOR);
        String sortedAs = cited.sortName().equals(name) ? "" : ", listed under “" + cited.sortName() + "”";
        if (organisation) {
            return "cited whole, “" + name + "”" + sortedAs;
        }
        return "cited with the family name “" + cited.family() + "”"
                + (cited.given().isEmpty() ? " and no given names" : " and the given names “" + cited.given() + "”")
                + (cited.suffix().isEmpty() ? "" : ", “" + cited.suffix() + "” after them");
    }

    /** The rows to show: those typed (empty ones too, so nothing moves), then a few empty ones. */
    public List<Row> shownRows() {
        List<Row> shown = new ArrayList<>(rows);
        long blank = rows.stream().filter(r -> r.name().isBlank()).count();
        for (long i = blank; i < BLANK_ROWS; i++) {
            shown.add(new Row("", AliasKind.VARIANT.key()));
        }
        return shown;
    }

    /** What a person's form offers as its kind ({@link EntityType}'s key as the value), its citation said of each. */
    public List<Choice> kindChoices() {
        return List.of(new Choice(EntityType.PERSON.key(), "Person"),
                new Choice(EntityType.ORGANISATION.key(), "Organisation (cited whole, never inverted)"));
    }

    /**
     * The kinds a form of the name may be, as offered: a place has no pseudonym, unless one of its
     * forms is already called so (offered then, so that saving does not quietly make it a variant).
     */
    public List<Choice> aliasKinds() {
        boolean pseudonyms = !EntityType.PLACE.key().equals(kind)
                || rows.stream().anyMatch(r -> AliasKind.PSEUDONYM.key().equals(r.kind()));
        return Arrays.stream(AliasKind.values()).filter(k -> pseudonyms || k != AliasKind.PSEUDONYM)
                .map(k -> new Choice(k.key(), k.label())).toList();
    }

    /**
     * @param before  what the authority says now (null for a new one): forms it already has are
     *                not refused for being shared, only new ones
     * @param owners  every form of every other authority of the list, by its words ({@link AuthorityRecords#owners})
     */
    public Checked check(AuthorityKind list, AuthorityContent before, Map<String, List<AuthorityRecords.Owner>> owners) {
        return check(list, before, null, owners);
    }

    /**
     * As {@link #check(AuthorityKind, AuthorityContent, Map)}, for a save of a form opened when the
     * name was {@code renamedFrom} (null for a new one): a rename keeps that name as a former name
     * (ISAAR(CPF) 5.1.4, "other forms of name"), so that search, the import of seed pages and
     * {@code relink} still find it by the name the records use, unless the editor ticked
     * {@link #DROP_OLD_NAME}, lists it already, or the new name differs from it only in case,
     * accents, punctuation or spaces (the name matcher reads the two as one: it would add nothing).
     */
    public Checked check(AuthorityKind list, AuthorityContent before, String renamedFrom,
                         Map<String, List<AuthorityRecords.Owner>> owners) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Clash> clashes = new HashMap<>();
        // Bidi embeddings, overrides and isolates are dropped, as a record's form drops them: a name
        // is shown on every record linked to it and in their citations, and one left open (U+202E)
        // turns round whatever follows it there (the rest of a list's row, a citation's title).
        String name = oneSpaceApart(this.name);
        String sortName = ControlCharacters.showsNothing(this.sortName) ? "" : oneSpaceApart(this.sortName);
        String description = ControlCharacters.withoutBidiControls(this.description);
        Set<String> had = new HashSet<>();
        if (before != null) {
            had.add(AuthorityRecords.matched(before.name()));
            before.aliases().forEach(a -> had.add(AuthorityRecords.matched(a.name())));
        }
        if (ControlCharacters.showsNothing(name)) {
            errors.put("name", "Write the name this " + list.noun() + " is best known by.");
        } else if (name.length() > MAX_NAME) {
            errors.put("name", "A name has at most " + MAX_NAME + " characters.");
        } else if (!AuthorityContent.namesSomething(name)) {
            errors.put("name", "A name has at least one letter or digit; '" + name + "' has none. For a "
                    + list.noun() + " not yet identified, write what is known, such as 'Unidentified correspondent'.");
        } else {
            clash(list, name, had, owners).ifPresent(c -> {
                errors.put("name", "'" + name + "' is already a name of " + c.name() + ". Another " + list.noun()
                        + " of that name? Tell the two apart in the name, as catalogues do: "
                        + (list.forPeople() ? "'John Smith (1882–1959)'." : "'Springfield (Illinois)'."));
                clashes.put("name", c);
            });
        }
        if (sortName.strip().length() > MAX_NAME) {
            errors.put("sort_name", "A sort form has at most " + MAX_NAME + " characters.");
        }
        if (WrittenText.asStored(description).strip().length() > MAX_DESCRIPTION) {
            errors.put("description", "The note has at most " + MAX_DESCRIPTION + " characters.");
        }
        var type = EntityType.of(list, kind);
        if (type.isEmpty()) {
            errors.put("kind", "Choose a person or an organisation.");
        }
        List<AuthorityContent.Alias> aliases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(AuthorityRecords.folded(name));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String form = oneSpaceApart(row.name());
            String field = "alias-" + i;
            if (ControlCharacters.showsNothing(form)) {
                continue;
            }
            if (renamed(name, renamedFrom) && AuthorityRecords.folded(form).equals(AuthorityRecords.folded(name))
                    && had.contains(AuthorityRecords.matched(form))) {
                continue; // a form it had, made its name (a rename back, a variant preferred): the name now, not twice
            }
            var aliasKind = AliasKind.fromKey(row.kind());
            if (aliasKind.isEmpty()) {
                errors.put(field, "Choose what kind of form '" + form + "' is.");
            } else if (form.length() > MAX_NAME) {
                errors.put(field, "A form of a name has at most " + MAX_NAME + " characters.");
            } else if (!AuthorityContent.namesSomething(form)) {
                errors.put(field, "A form of a name has at least one letter or digit; '" + form + "' has none.");
            } else if (!seen.add(AuthorityRecords.folded(form))) {
                errors.put(field, "'" + form + "' is listed twice (or is the name itself); keep it once.");
            } else if (aliasKind.get() != AliasKind.FULL_NAME_ONLY && clash(list, form, had, owners).isPresent()) {
                Clash c = clash(list, form, had, owners).get();
                errors.put(field, "'" + form + "' is already a name of " + c.name()
                        + ". Two authorities cannot share a form, unless it is marked as a short form.");
                clashes.put(field, c);
            } else {
                aliases.add(new AuthorityContent.Alias(form, aliasKind.get()));
            }
        }
        String note = ControlCharacters.withoutBidiControls(this.note).strip();
        ChangeNote.problem(note, "Say what you changed and why: the note is kept in the history.")
                .ifPresent(message -> errors.put("note", message));
        // A control character shows nothing, and a name carries it to every record's page and citation.
        refuseControls(errors, "name", "name", name);
        refuseControls(errors, "sort_name", "sort form", sortName);
        refuseControls(errors, "description", "note", description);
        for (int i = 0; i < rows.size(); i++) {
            refuseControls(errors, "alias-" + i, "form of the name", rows.get(i).name());
        }
        if (!errors.isEmpty()) {
            return new Checked(null, note, errors, clashes);
        }
        AuthorityContent content = new AuthorityContent(name, sortName, description, type.get(), aliases);
        if (renamedFrom != null && !dropOldName && clash(list, renamedFrom, had, owners).isEmpty()) {
            content = content.keepingFormerName(renamedFrom);
        }
        return new Checked(content, note, Map.of(), Map.of());
    }

    /** Whether {@code name} is another name than {@code renamedFrom} to the name matcher (not only its case, accents or spaces). */
    private static boolean renamed(String name, String renamedFrom) {
        return renamedFrom != null && AuthorityContent.namesSomething(name)
                && !AuthorityRecords.matched(name).equals(AuthorityRecords.matched(renamedFrom));
    }

    /**
     * A name or form as typed, without bidi controls, each run of spaces one space and none at the
     * ends: a name of no-break spaces alone is an empty one, not a person no one can see.
     */
    private static String oneSpaceApart(String typed) {
        // Spaces of every kind: a no-break or an em space pasted from a word processor is a space in a name.
        // Composed as stored (WrittenText), so that the limits count what would be stored.
        return WhiteSpace.oneSpaceApartOfAnyKind(WrittenText.asStored(ControlCharacters.withoutBidiControls(typed)))
                .strip();
    }

    /** The field's refusal when it has a control character, unless it is refused for something else already. */
    private static void refuseControls(Map<String, String> errors, String field, String label, String text) {
        if (!errors.containsKey(field)) {
            ControlCharacters.refusal(label, text).ifPresent(message -> errors.put(field, message));
        }
    }

    /**
     * The first form of {@code content} (its name, then its other forms but short ones) that another
     * authority of {@code owners} has and {@code before} did not: what a restore of an old version
     * would otherwise give two of them, as the form refuses it.
     */
    static java.util.Optional<Clash> firstClash(AuthorityKind list, AuthorityContent content, AuthorityContent before,
                                                Map<String, List<AuthorityRecords.Owner>> owners) {
        Set<String> had = new HashSet<>();
        had.add(AuthorityRecords.matched(before.name()));
        before.aliases().forEach(a -> had.add(AuthorityRecords.matched(a.name())));
        var named = clash(list, content.name(), had, owners);
        if (named.isPresent()) {
            return named;
        }
        return content.aliases().stream().filter(a -> a.kind() != AliasKind.FULL_NAME_ONLY)
                .flatMap(a -> clash(list, a.name(), had, owners).stream()).findFirst();
    }

    /** Another authority with this form, unless this one had it already (forms shared before stay). */
    private static java.util.Optional<Clash> clash(AuthorityKind list, String form, Set<String> had,
                                                   Map<String, List<AuthorityRecords.Owner>> owners) {
        String matched = AuthorityRecords.matched(form);
        if (had.contains(matched)) {
            return java.util.Optional.empty();
        }
        return owners.getOrDefault(matched, List.of()).stream()
                .filter(o -> o.formKind() != AliasKind.FULL_NAME_ONLY)
                .findFirst().map(o -> new Clash(o.form(), o.key(), o.name(), list.editPath(o.key())));
    }
}
