package org.dossier.catalogue;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.search.Facet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/** Reads a person or a place, with the other forms of its name, by key or by id. */
public final class AuthorityQueries {

    /** Where an authority list lives: people and places are kept alike. */
    private record Columns(Table<?> table, Field<Integer> id, Field<String> key, Field<String> name,
                           Field<String> note, Table<?> aliases, Field<Integer> owner, Field<String> alias,
                           Field<String> kind) {
    }

    private static final Columns PEOPLE = new Columns(PERSON, PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.NOTE,
            PERSON_ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND);
    private static final Columns PLACES = new Columns(PLACE, PLACE.ID, PLACE.KEY, PLACE.NAME, PLACE.NOTE,
            PLACE_ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND);

    private final DSLContext db;

    public AuthorityQueries(DSLContext db) {
        this.db = db;
    }

    /** The person or place with this key. */
    public Optional<Authority> find(Facet facet, String key) {
        return find(facet, columns(facet).key().eq(key));
    }

    /** The person or place with this id. */
    public Optional<Authority> find(Facet facet, int id) {
        return find(facet, columns(facet).id().eq(id));
    }

    /** The key of the authority {@code key} was merged into, if it was: its pages redirect there. */
    public Optional<String> survivor(Facet facet, String key) {
        if (columns(facet) == PEOPLE) {
            org.dossier.db.tables.Person survivor = PERSON.as("survivor");
            return db.select(survivor.KEY).from(PERSON).join(survivor).on(survivor.ID.eq(PERSON.MERGED_INTO))
                    .where(PERSON.KEY.eq(key)).fetchOptional(survivor.KEY);
        }
        org.dossier.db.tables.Place survivor = PLACE.as("survivor");
        return db.select(survivor.KEY).from(PLACE).join(survivor).on(survivor.ID.eq(PLACE.MERGED_INTO))
                .where(PLACE.KEY.eq(key)).fetchOptional(survivor.KEY);
    }

    /** How many records a merge or restore under way has still to bring to this person or place. */
    public int stillToMove(Facet facet, String key) {
        return new AuthorityRecords(db).stillToMove(columns(facet) == PEOPLE ? AuthorityKind.PERSON : AuthorityKind.PLACE, key);
    }

    private Optional<Authority> find(Facet facet, Condition which) {
        Columns c = columns(facet);
        return db.select(c.id(), c.key(), c.name(), c.note()).from(c.table()).where(which)
                .fetchOptional(r -> {
                    List<Authority.Alias> aliases = db.select(c.alias(), c.kind()).from(c.aliases())
                            .where(c.owner().eq(r.get(c.id()))).and(c.alias().ne(r.get(c.name())))
                            .orderBy(c.kind().desc(), c.alias())
                            .fetch(a -> new Authority.Alias(a.get(c.alias()), a.get(c.kind())));
                    return new Authority(facet, r.get(c.id()), r.get(c.key()), r.get(c.name()), r.get(c.note()),
                            aliases);
                });
    }

    private static Columns columns(Facet facet) {
        return switch (facet) {
            case PERSON, AUTHOR, RECIPIENT -> PEOPLE;
            case PLACE -> PLACES;
            case TYPE, LANGUAGE -> throw new IllegalArgumentException(facet.key() + "s have no page");
        };
    }
}
