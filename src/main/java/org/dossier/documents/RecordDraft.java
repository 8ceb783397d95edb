package org.dossier.documents;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dossier.authorities.PersonRole;

/**
 * What a record says, as a writer hands it in: before it has an id, a slug or a version.
 * Summary paragraphs are kept apart; none of them is blank. Each person linked has one role.
 *
 * <p>{@code people} is in the record's order: the order the document gives its authors (and its
 * recipients, ...), which citations keep ("B and A" is cited "B and A"). It is held grouped by
 * role, authors first, then recipients, participants and the people only mentioned, each group in
 * the order it was given, so that the order stored (positions 1..n) is the order every page shows;
 * two drafts that differ only in that order are different drafts (a save that only reorders the
 * authors is a change, with a revision).
 *
 * <p>{@code languages} are those the document is written in ({@link Languages#NONE} when no one has
 * said: seed pages never do).
 *
 * <p>{@code date} is empty for an undated record (V22): one whose seed page or edit form said it
 * bears no date ("Undated", "n.d.", read by {@link DocumentDate#parseOrUndated}, the one reader of
 * what a person writes there), or one read from the database, for a change to an undated record or
 * the restore of an undated version.
 */
public record RecordDraft(String title, List<String> summary, Optional<DocumentDate> date, Integer typeId,
                          Map<Integer, PersonRole> people, SortedSet<Integer> places, Languages languages) {

    /**
     * The longest title and summary (paragraphs apart by a blank line, {@link #summaryText}) a record
     * has, in characters as stored ({@link #asStored}, {@link #summaryAsStored}): the editors' form
     * refuses longer ones, and an import refuses them too, so that no record comes in that an editor
     * could not save again.
     */
    public static final int LONGEST_TITLE = 500;
    public static final int LONGEST_SUMMARY = 20_000;

    public RecordDraft {
        Objects.requireNonNull(date, "a record's date is a date, or empty for an undated record");
        // As stored, whoever wrote it (an import, the edit form, a merge): composed, without the
        // invisible characters pasted text brings inside words (WrittenText), each run of spaces one
        // space, as an import folds them and a page shows them: a save that only doubles a space or
        // breaks a paragraph's line is no change, not a version whose history shows nothing changed.
        title = title == null ? "" : asStored(title);
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a record needs a title");
        }
        summary = summary.stream().map(RecordDraft::asStored).filter(p -> !p.isEmpty()).toList();
        people.values().forEach(role -> Objects.requireNonNull(role, "every person linked needs a role"));
        people = Collections.unmodifiableMap(inRecordOrder(people));
        places = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(places));
        Objects.requireNonNull(languages, "a record's languages are none, or some");
    }

    /** A title or a summary's paragraph as stored (see the constructor). */
    public static String asStored(String text) {
        return WhiteSpace.oneSpaceApartOfAnyKind(WrittenText.asStored(text)).strip();
    }

    /**
     * A summary typed in one field (paragraphs apart by blank lines) as it would be stored: what
     * {@link #LONGEST_SUMMARY} counts, after its spaces are folded and its letters composed.
     */
    public static String summaryAsStored(String typed) {
        return String.join("\n\n", paragraphs(typed).stream().map(RecordDraft::asStored).filter(p -> !p.isEmpty())
                .toList());
    }

    /** The people grouped by role (authors first), each group in the order given: a stable sort. */
    private static Map<Integer, PersonRole> inRecordOrder(Map<Integer, PersonRole> people) {
        Map<Integer, PersonRole> ordered = new LinkedHashMap<>();
        people.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .forEachOrdered(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** Equal drafts say the same, people in the same order (a map's own equality ignores order). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordDraft that && title.equals(that.title) && summary.equals(that.summary)
                && date.equals(that.date) && Objects.equals(typeId, that.typeId)
                && List.copyOf(people.entrySet()).equals(List.copyOf(that.people.entrySet()))
                && places.equals(that.places) && languages.equals(that.languages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, summary, date, typeId, List.copyOf(people.entrySet()), places, languages);
    }

    /** A dated draft (tests, and writers that hold a date they made, not one a person wrote). */
    public RecordDraft(String title, List<String> summary, DocumentDate date, Integer typeId,
                       Map<Integer, PersonRole> people, SortedSet<Integer> places, Languages languages) {
        this(title, summary, Optional.of(date), typeId, people, places, languages);
    }

    public RecordDraft(String title, List<String> summary, DocumentDate date) {
        this(title, summary, date, null, Map.of(), new TreeSet<>(), Languages.NONE);
    }

    /** The same draft linking other people and places (a merge, a relink, their undoing). */
    public RecordDraft withLinks(Map<Integer, PersonRole> otherPeople, java.util.Collection<Integer> otherPlaces) {
        return new RecordDraft(title, summary, date, typeId, otherPeople, new TreeSet<>(otherPlaces), languages);
    }

    /** Every one of {@code ids} in the same role, in their order: for a caller that links people it only names. */
    public static Map<Integer, PersonRole> inRole(java.util.Collection<Integer> ids, PersonRole role) {
        Map<Integer, PersonRole> people = new LinkedHashMap<>();
        ids.forEach(id -> people.put(id, role));
        return people;
    }

    /** The date's key as stored ({@code date_key}): NULL for an undated record. */
    public String dateKey() {
        return date.map(DocumentDate::key).orElse(null);
    }

    /** The date's precision as stored ({@code date_precision}): NULL for an undated record. */
    public DatePrecision datePrecision() {
        return date.map(DocumentDate::precision).orElse(null);
    }

    /** Whether the date is approximate ({@code date_circa}): an undated record's is not. */
    public boolean dateCirca() {
        return date.map(DocumentDate::circa).orElse(false);
    }

    /** A span's end key as stored ({@code date_end_key}): NULL for a single date or none. */
    public String dateEndKey() {
        return date.map(DocumentDate::endKey).orElse(null);
    }

    /** A span's end precision as stored ({@code date_end_precision}): NULL for a single date or none. */
    public DatePrecision dateEndPrecision() {
        return date.map(DocumentDate::endPrecision).orElse(null);
    }

    /** The summary as stored: paragraphs separated by one blank line. */
    public String summaryText() {
        return String.join("\n\n", summary);
    }

    /** Splits a stored summary back into its paragraphs. */
    public static List<String> paragraphs(String summaryText) {
        if (summaryText == null || summaryText.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(summaryText.split("\\n\\s*\\n")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
    }
}
