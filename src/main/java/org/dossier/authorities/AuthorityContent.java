package org.dossier.authorities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dossier.documents.WrittenText;

/**
 * What a person or place says, as one version keeps it whole: the preferred name, the form it is
 * sorted by, a note about it, what it is (a person or an organisation in the people's list, a
 * place) and the other forms of its name, in a fixed order so that two
 * contents that say the same are equal.
 */
public record AuthorityContent(String name, String sortName, String description, EntityType kind, List<Alias> aliases) {

    /** Another form of the name. */
    public record Alias(String name, AliasKind kind) {

        public Alias {
            name = WrittenText.asStored(Objects.requireNonNull(name)).strip().replaceAll("\\s+", " ");
            Objects.requireNonNull(kind);
        }

        /** "Filippov (pseudonym)", as the history's diff lists it. */
        public String display() {
            return name + " (" + kind.key() + ")";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether a name has a letter or a digit, in any script. "???" or "-" is no name: it was kept as
     * a person ({@code person-2}, since its words make no key) whom no search finds and no reader can
     * tell from another "???", where an archivist writes what is known ("Unidentified correspondent").
     * The edit form and the authority files both refuse one.
     */
    public static boolean namesSomething(String name) {
        return name.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    public AuthorityContent {
        // Composed (NFC), as a record's text is (RecordDraft): "José" typed with a combining accent
        // (macOS, a name pasted from a PDF) is the same name as the precomposed one, so saving it
        // over the other is no change, not a new version that shows the same name as its diff.
        name = WrittenText.asStored(Objects.requireNonNull(name)).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an authority needs a name");
        }
        sortName = sortName == null || sortName.isBlank() ? name : WrittenText.asStored(sortName).strip();
        description = description == null ? "" : WrittenText.asStored(description).strip();
        Objects.requireNonNull(kind);
        // One entry per form: the preferred name is not also another form, and a form listed twice counts once.
        java.util.Map<String, Alias> distinct = new java.util.LinkedHashMap<>();
        for (Alias alias : aliases) {
            if (!alias.name().isEmpty() && !alias.name().equals(name)) {
                distinct.putIfAbsent(alias.name(), alias);
            }
        }
        List<Alias> sorted = new ArrayList<>(distinct.values());
        sorted.sort(Comparator.comparing(Alias::name).thenComparing(a -> a.kind().key()));
        aliases = List.copyOf(sorted);
    }

    /**
     * Whether a record linked to the authority shows it the same with either content: by its name,
     * its sort form (citations invert names with it) and as a person or an organisation. Its other
     * forms and its note are not part of any record's page, citation or harvested metadata.
     */
    public boolean sameOnRecordsAs(AuthorityContent other) {
        return name.equals(other.name) && sortName.equals(other.sortName) && organisation() == other.organisation();
    }

    /**
     * This content keeping {@code former}, the name the entry had, among its other forms as a former
     * name (ISAAR(CPF) 5.1.4, "other forms of name"), so that search, the import of seed pages and
     * {@code relink} still find it by the name the records use; as it is where the name matcher reads
     * {@code former} as its name or one of its forms already (a change of case or accents, a rename
     * back, a form listed by the editor): it would add nothing. A rename and a restore both keep it.
     */
    public AuthorityContent keepingFormerName(String former) {
        String was = AuthorityRecords.matched(former);
        if (AuthorityRecords.matched(name).equals(was)
                || aliases.stream().anyMatch(a -> AuthorityRecords.matched(a.name()).equals(was))) {
            return this;
        }
        List<Alias> kept = new ArrayList<>(aliases);
        kept.add(new Alias(former, AliasKind.FORMER));
        return new AuthorityContent(name, sortName, description, kind, kept);
    }

    public boolean organisation() {
        return kind == EntityType.ORGANISATION;
    }

    /**
     * The other forms as stored in a version: a JSON array of {"name", "kind"}, each object's keys
     * in that order, so that the same forms are stored as the same bytes on every start of the JVM.
     */
    public String aliasesJson() {
        try {
            return JSON.writeValueAsString(aliases.stream().map(a -> {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("name", a.name());
                form.put("kind", a.kind().key());
                return form;
            }).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@link #aliasesJson} back; a kind this build does not know is read as a variant. */
    public static List<Alias> aliasesFromJson(String json) {
        try {
            List<Map<String, String>> rows = JSON.readValue(json, new TypeReference<>() { });
            return rows.stream().map(r -> new Alias(r.get("name"),
                    AliasKind.fromKey(r.get("kind")).orElse(AliasKind.VARIANT))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an authority version's forms cannot be read: " + json, e);
        }
    }
}
