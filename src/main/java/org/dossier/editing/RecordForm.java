package org.dossier.editing;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.dossier.web.Choice;
import org.dossier.web.FormProblem;

/**
 * A record form exactly as it was typed, so that a refused form comes back with every character
 * the editor wrote. {@link #check} turns it into a draft, or into a message for each bad field.
 */
public record RecordForm(String title, String date, String summary, String type, String languages, List<String> people,
                         Map<String, String> roles, Map<String, String> order, List<String> places, String note) {

    static final int MAX_TITLE = RecordDraft.LONGEST_TITLE;
    static final int MAX_SUMMARY = RecordDraft.LONGEST_SUMMARY;
    /** What twelve languages' names take, with room to spare: the field is not a place for text. */
    static final int MAX_LANGUAGES = 400;

    /** A form that passed its checks: the draft to save and the note saying why. */
    public record Checked(RecordDraft draft, String note, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }

        /**
         * The summary's lines, in the order of the form: each led by its field's name ("Title: Write
         * a title."), the people and places leading to their lists.
         */
        public List<FormProblem> problems() {
            return FormProblem.inOrder(errors, FIELDS).stream().map(p -> new FormProblem(
                    p.target().equals("people") || p.target().equals("places") ? p.target() + "-choices" : p.target(),
                    Character.toUpperCase(p.target().charAt(0)) + p.target().substring(1) + ": " + p.message())).toList();
        }
    }

    /** The form's fields in the order it shows them. */
    private static final List<String> FIELDS =
            List.of("title", "date", "type", "languages", "people", "places", "summary", "note");

    public RecordForm {
        title = orEmpty(title);
        date = orEmpty(date);
        summary = orEmpty(summary).replace("\r\n", "\n");
        type = orEmpty(type);
        languages = orEmpty(languages);
        people = List.copyOf(people);
        roles = Map.copyOf(roles);
        order = Map.copyOf(order);
        places = List.copyOf(places);
        note = orEmpty(note);
    }

    /** A form whose people are all linked as {@code mentioned} unless {@code roles} says otherwise. */
    public RecordForm(String title, String date, String summary, String type, List<String> people,
                      List<String> places, String note) {
        this(title, date, summary, type, "", people, Map.of(), Map.of(), places, note);
    }

    /** A form whose people come in the order they are listed, none numbered. */
    public RecordForm(String title, String date, String summary, String type, List<String> people,
                      Map<String, String> roles, List<String> places, String note) {
        this(title, date, summary, type, "", people, roles, Map.of(), places, note);
    }

    public static RecordForm empty() {
        return new RecordForm("", "", "", "", "", List.of(), Map.of(), Map.of(), List.of(), "");
    }

    /**
     * What the record says now, ready to correct; the note is the editor's to write. A person or
     * place merged away whose merge is still moving its records is shown as the survivor (with the
     * stronger role): the form offers only those not merged, and saving must not drop the link.
     */
    public static RecordForm of(DocumentDetails record, AuthorityLists.Lists lists) {
        Map<String, PersonRole> people = new LinkedHashMap<>();
        record.people().forEach(p -> people.merge(String.valueOf(lists.standing(AuthorityKind.PERSON, p.id())),
                p.role(), PersonRole::strongest));
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> order = new LinkedHashMap<>();
        people.forEach((id, role) -> {
            roles.put(id, role.key());
            order.put(id, String.valueOf(order.size() + 1));
        });
        return new RecordForm(record.title(), DocumentDate.display(record.date()), String.join("\n\n", record.summary()),
                record.type() == null ? "" : String.valueOf(record.type().id()), record.languages().namesText(),
                List.copyOf(people.keySet()), roles, order,
                record.places().stream().map(p -> String.valueOf(lists.standing(AuthorityKind.PLACE, p.id())))
                        .distinct().toList(), "");
    }

    /**
     * The form as posted: title, date, summary, type, person (repeated), role-{id} for each person
     * ticked (author, recipient, participant or mentioned), order-{id} for each person ticked (its
     * place in the record's order, 1 for the first; may be blank), place (repeated), note.
     */
    public static RecordForm posted(Context ctx) {
        List<String> people = ctx.formParams("person");
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> order = new LinkedHashMap<>();
        for (String person : people) {
            String role = ctx.formParam(ROLE_FIELD + person.strip());
            if (role != null) {
                roles.put(person.strip(), role);
            }
            String place = ctx.formParam(ORDER_FIELD + person.strip());
            if (place != null) {
                order.put(person.strip(), place);
            }
        }
        return new RecordForm(ctx.formParam("title"), ctx.formParam("date"), ctx.formParam("summary"),
                ctx.formParam("type"), ctx.formParam("languages"), people, roles, order, ctx.formParams("place"),
                ctx.formParam("note"));
    }

    /**
     * The form with each person and place ticked that was merged into another since the form was
     * opened read as the one it went into (a person with the stronger of the two roles where both
     * are ticked), as {@link #of} shows them: the merged one is no longer offered, and the editor who
     * ticked it meant the survivor, not a refusal that unticks it.
     */
    public RecordForm withSurvivors(AuthorityLists.Lists lists) {
        Map<String, String> standingRoles = new LinkedHashMap<>();
        Map<String, String> standingOrder = new LinkedHashMap<>();
        for (String person : people) {
            String id = person.strip();
            String role = roles.get(id);
            String standing = standing(lists, AuthorityKind.PERSON, id);
            String typed = order.get(id);
            if (typed != null) {
                // Where both the merged one and its survivor were numbered, the earlier place wins,
                // as a merge keeps the earlier of the two links.
                String before = standingOrder.get(standing);
                Integer was = before == null ? null : place(before.strip());
                Integer is = place(typed.strip());
                if (before == null || was == null && is != null || was != null && is != null && is < was) {
                    standingOrder.put(standing, typed);
                }
            }
            if (standingRoles.containsKey(standing)) {
                var kept = PersonRole.fromKey(standingRoles.get(standing));
                var also = PersonRole.fromKey(role);
                if (kept.isPresent() && also.isPresent()) {
                    standingRoles.put(standing, kept.get().strongest(also.get()).key());
                }
            } else {
                standingRoles.put(standing, role);
            }
        }
        Map<String, String> rolesNow = new LinkedHashMap<>();
        standingRoles.forEach((id, role) -> {
            if (role != null) {
                rolesNow.put(id, role);
            }
        });
        return new RecordForm(title, date, summary, type, languages, List.copyOf(standingRoles.keySet()), rolesNow, standingOrder,
                places.stream().map(p -> standing(lists, AuthorityKind.PLACE, p.strip())).distinct().toList(), note);
    }

    /** The id of the one {@code id} was merged into, or {@code id} as posted (checked later) when it is no merged one. */
    private static String standing(AuthorityLists.Lists lists, AuthorityKind kind, String id) {
        if (!id.matches("[0-9]{1,9}")) {
            return id;
        }
        return String.valueOf(lists.standing(kind, Integer.parseInt(id)));
    }

    /** The prefix of the role select beside each person: {@code role-12}. */
    public static final String ROLE_FIELD = "role-";

    /** The prefix of the box beside each person for its place in the record's order: {@code order-12}. */
    public static final String ORDER_FIELD = "order-";

    /** The most people a record's order numbers: more than any record names. */
    static final int MAX_ORDER = 999;

    /** The place the form gives person {@code id} in the record's order, as typed; "" when none. */
    public String orderOf(int id) {
        return order.getOrDefault(String.valueOf(id), "");
    }

    /** The role the form gives person {@code id}: as typed, or {@code mentioned} when none was sent. */
    public String roleOf(int id) {
        return roles.getOrDefault(String.valueOf(id), PersonRole.MENTIONED.key());
    }

    /** The roles a person can have, for the select beside each. */
    public List<Choice> roleChoices() {
        return Arrays.stream(PersonRole.values()).map(r -> new Choice(r.key(), r.label())).toList();
    }

    /** Whether the form ticks this id in the list posted as {@code field} ("person" or "place"). */
    public boolean chose(String field, int id) {
        return field.equals("person") ? hasPerson(id) : field.equals("place") && hasPlace(id);
    }

    public boolean hasPerson(int id) {
        return people.contains(String.valueOf(id));
    }

    public boolean hasPlace(int id) {
        return places.contains(String.valueOf(id));
    }

    /**
     * The date as it will be read, for the hint beside the field ("February 1942, known to the month";
     * "Undated: the document bears no date"); empty while it cannot be read.
     */
    public Optional<String> dateReading() {
        try {
            return Optional.of(DocumentDate.parseOrUndated(date)
                    .map(d -> d.display() + ", known to " + d.knownTo())
                    .orElse(DocumentDate.UNDATED + ": the document bears no date"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The languages as they will be read, for the {@code lang} of the title and summary the form
     * holds (as the record's page marks them: a screen reader read a Russian title in its box with an
     * English voice); none while they cannot be read.
     */
    public Languages readLanguages() {
        if (languages.length() > MAX_LANGUAGES) {
            return Languages.NONE;
        }
        try {
            return Languages.typed(ControlCharacters.withoutBidiControls(languages));
        } catch (IllegalArgumentException e) {
            return Languages.NONE;
        }
    }

    /**
     * Checks every field against the rules and the authority lists, the date against {@code today}
     * (no document is dated after the day it is catalogued); the errors are keyed by field name.
     */
    public Checked check(AuthorityChoices choices, java.time.LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        // Bidi embeddings, overrides and isolates are dropped, not refused: one left open (U+202E)
        // reverses what follows the title in the window's title and in citations, and the text reads
        // the same without them (a title's direction comes from its letters).
        String title = ControlCharacters.withoutBidiControls(this.title);
        String summary = ControlCharacters.withoutBidiControls(this.summary);
        String note = ControlCharacters.withoutBidiControls(this.note);
        int titleLength = RecordDraft.asStored(title).length();
        if (ControlCharacters.showsNothing(title)) {
            errors.put("title", "Write a title.");
        } else if (titleLength > MAX_TITLE) {
            // Counted as stored: a letter typed with a combining accent is one letter, a run of spaces one space.
            errors.put("title", "A title has at most " + MAX_TITLE + " characters; this one has " + titleLength + ".");
        } else {
            ControlCharacters.refusal("title", title).ifPresent(message -> errors.put("title", message));
        }
        Optional<DocumentDate> parsed = Optional.empty();
        Optional<String> controlInDate = ControlCharacters.refusal("date", date);
        if (ControlCharacters.showsNothing(date)) {
            // Left empty is no way of saying there is none: an undated record is said so, in words.
            errors.put("date", "Write a date: " + DocumentDate.SHAPES + "; or " + DocumentDate.WHEN_NONE + ".");
        } else if (controlInDate.isPresent()) {
            errors.put("date", controlInDate.get());
        } else {
            try {
                parsed = DocumentDate.parseOrUndated(date);
                DocumentDate.laterThan(parsed, today).ifPresent(message -> errors.put("date", message));
            } catch (IllegalArgumentException e) {
                errors.put("date", e.getMessage());
            }
        }
        int summaryLength = RecordDraft.summaryAsStored(summary).length();
        if (summaryLength > MAX_SUMMARY) {
            errors.put("summary", "A summary has at most " + MAX_SUMMARY + " characters; this one has " + summaryLength + ".");
        } else {
            ControlCharacters.refusal("summary", summary).ifPresent(message -> errors.put("summary", message));
        }
        Integer typeId = null;
        if (!type.isEmpty()) {
            typeId = id(type, choices::hasType);
            if (typeId == null) {
                errors.put("type", "Choose a type from the list.");
            }
        }
        SortedSet<Integer> personIds = ids(people, choices::hasPerson);
        Map<Integer, PersonRole> personRoles = new LinkedHashMap<>();
        if (personIds == null) {
            errors.put("people", "Choose people from the list.");
        } else {
            for (int id : inOrder(people)) {
                Optional<PersonRole> role = PersonRole.fromKey(roleOf(id));
                if (role.isEmpty()) {
                    errors.put("people", "'" + roleOf(id) + "' is not a role: choose author, recipient, participant or mentioned.");
                    break;
                }
                String place = orderOf(id).strip();
                if (!place.isEmpty() && place(place) == null) {
                    errors.put("people", "'" + orderOf(id) + "' is not a place in the order: write 1 for the first, "
                            + "2 for the second, and so on (up to " + MAX_ORDER + "), or leave it blank.");
                    break;
                }
                personRoles.put(id, role.get());
            }
        }
        SortedSet<Integer> placeIds = ids(places, choices::hasPlace);
        if (placeIds == null) {
            errors.put("places", "Choose places from the list.");
        }
        Languages readLanguages = Languages.NONE;
        if (languages.length() > MAX_LANGUAGES) {
            errors.put("languages", "List at most " + Languages.MOST + " languages, by name or code, separated by commas.");
        } else {
            try {
                readLanguages = Languages.typed(ControlCharacters.withoutBidiControls(languages));
            } catch (IllegalArgumentException e) {
                errors.put("languages", e.getMessage());
            }
        }
        ChangeNote.problem(note, "Say what you corrected and why: the note is kept in the history.")
                .ifPresent(message -> errors.put("note", message));
        if (!errors.isEmpty()) {
            return new Checked(null, null, errors);
        }
        RecordDraft draft = new RecordDraft(title, RecordDraft.paragraphs(summary), parsed, typeId, personRoles, placeIds,
                readLanguages);
        return new Checked(draft, note.strip(), Map.of());
    }

    /**
     * The people ticked, in the order the editor gave: those numbered by their numbers (equal numbers
     * in the order they are listed), then those left blank, as listed. Only ids that read as
     * numbers, each once; {@link #check} has refused the rest.
     */
    private List<Integer> inOrder(List<String> raw) {
        record Ticked(int id, int place, int listed) {
        }
        List<Ticked> ticked = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String value : raw) {
            Integer id;
            try {
                id = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                continue;
            }
            if (seen.add(id)) {
                Integer place = place(orderOf(id).strip());
                ticked.add(new Ticked(id, place == null ? Integer.MAX_VALUE : place, ticked.size()));
            }
        }
        ticked.sort(Comparator.comparingInt(Ticked::place).thenComparingInt(Ticked::listed));
        return ticked.stream().map(Ticked::id).toList();
    }

    /** A place in the order as typed ("2"), or null when it is not one (blank, "first", "0", "2.5"). */
    private static Integer place(String typed) {
        if (typed.isEmpty() || typed.length() > 3 || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int place = Integer.parseInt(typed);
        return place >= 1 && place <= MAX_ORDER ? place : null;
    }

    private static Integer id(String raw, IntPredicate known) {
        try {
            int id = Integer.parseInt(raw.strip());
            return known.test(id) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SortedSet<Integer> ids(List<String> raw, IntPredicate known) {
        SortedSet<Integer> ids = new TreeSet<>();
        for (String value : raw) {
            Integer id = id(value, known);
            if (id == null) {
                return null;
            }
            ids.add(id);
        }
        return ids;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
