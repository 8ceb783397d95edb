package org.dossier.catalogue;

import java.util.Optional;
import org.dossier.authorities.AuthorityLists;
import org.dossier.documents.Languages;
import org.dossier.search.Facet;

/**
 * The names behind facet keys, as the authority lists have them now: an editor may reword a label,
 * but the key in a bookmarked URL stays. A language's name is its English name ("ru": "Russian",
 * see {@link Languages}), which no editor rewords.
 */
public final class AuthorityLabels {

    /** A facet value's name, and the form it is sorted by ("Stalin, Joseph"). */
    public record Label(String key, String name, String sortName) {
    }

    private final AuthorityLists.Lists lists;

    private AuthorityLabels(AuthorityLists.Lists lists) {
        this.lists = lists;
    }

    public static AuthorityLabels of(AuthorityLists.Lists lists) {
        return new AuthorityLabels(lists);
    }

    public boolean knows(Facet facet, String key) {
        return label(facet, key).isPresent();
    }

    /** The label of a key; the key itself for a value the lists no longer have. */
    public Label of(Facet facet, String key) {
        return label(facet, key).orElse(new Label(key, key, key));
    }

    private Optional<Label> label(Facet facet, String key) {
        return switch (facet) {
            case TYPE -> lists.type(key).map(AuthorityLabels::label);
            case PERSON, AUTHOR, RECIPIENT, PLACE ->
                    lists.find(facet.authorities().orElseThrow(), key).map(AuthorityLabels::label);
            case LANGUAGE -> Languages.nameOf(key).map(name -> new Label(key, name, name));
        };
    }

    private static Label label(AuthorityLists.Entry entry) {
        return new Label(entry.key(), entry.name(), entry.sortName());
    }
}
