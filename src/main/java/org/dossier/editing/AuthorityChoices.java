package org.dossier.editing;

import java.util.ArrayList;
import java.util.List;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.authorities.AuthorityRef;
import org.dossier.web.Choice;

/** What a record form offers to choose from: the authority lists of types, people and places. */
public record AuthorityChoices(List<AuthorityRef> types, List<AuthorityRef> people, List<AuthorityRef> places) {

    public AuthorityChoices {
        types = List.copyOf(types);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    /** What the lists offer: every type, and the people and places not merged into another. */
    public static AuthorityChoices of(AuthorityLists.Lists lists) {
        return new AuthorityChoices(
                lists.types().stream().map(AuthorityLists.Entry::ref).toList(),
                // One merged into another is no longer a choice: its links went to the survivor.
                offered(lists.of(AuthorityKind.PERSON)),
                offered(lists.of(AuthorityKind.PLACE)));
    }

    private static List<AuthorityRef> offered(List<AuthorityLists.Entry> entries) {
        return entries.stream().filter(e -> !e.merged()).map(AuthorityLists.Entry::ref).toList();
    }

    /** The types as the record form's list offers them: none first, then each by name, its id the value sent. */
    public List<Choice> typeChoices() {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", "(no type)"));
        types.forEach(t -> choices.add(new Choice(String.valueOf(t.id()), t.name())));
        return choices;
    }

    boolean hasType(int id) {
        return types.stream().anyMatch(t -> t.id() == id);
    }

    boolean hasPerson(int id) {
        return people.stream().anyMatch(p -> p.id() == id);
    }

    boolean hasPlace(int id) {
        return places.stream().anyMatch(p -> p.id() == id);
    }
}
