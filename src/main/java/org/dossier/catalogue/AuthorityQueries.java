package org.dossier.catalogue;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
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
    public Optional<Authority> find(AuthorityKind kind, String key) {
        return find(kind, columns(kind).key().eq(key));
    }

    /** The person or place with this id. */
    public Optional<Authority> find(AuthorityKind kind, int id) {
        return find(kind, columns(kind).id().eq(id));
    }

    /** The key of the authority {@code key} was merged into, if it was: its pages redirect there. */
    public Optional<String> survivor(AuthorityKind kind, String key) {
        if (kind == AuthorityKind.PERSON) {
            org.dossier.db.tables.Person survivor = PERSON.as("survivor");
            return db.select(survivor.KEY).from(PERSON).join(survivor).on(survivor.ID.eq(PERSON.MERGED_INTO))
                    .where(PERSON.KEY.eq(key)).fetchOptional(survivor.KEY);
        }
        org.dossier.db.tables.Place survivor = PLACE.as("survivor");
        return db.select(survivor.KEY).from(PLACE).join(survivor).on(survivor.ID.eq(PLACE.MERGED_INTO))
                .where(PLACE.KEY.eq(key)).fetchOptional(survivor.KEY);
    }

    /** How many records a merge or restore under way has still to bring to this person or place. */
    public int stillToMove(AuthorityKind kind, String key) {
        return new AuthorityRecords(db).stillToMove(kind, key);
    }

    private Optional<Authority> find(AuthorityKind kind, Condition which) {
        Columns c = columns(kind);
        return db.select(c.id(), c.key(), c.name(), c.note()).from(c.table()).where(which)
                .fetchOptional(r -> {
                    List<Authority.Alias> aliases = db.select(c.alias(), c.kind()).from(c.aliases())
                            .where(c.owner().eq(r.get(c.id()))).and(c.alias().ne(r.get(c.name())))
                            .orderBy(c.kind().desc(), c.alias())
                            .fetch(a -> new Authority.Alias(a.get(c.alias()), a.get(c.kind())));
                    return new Authority(kind, r.get(c.id()), r.get(c.key()), r.get(c.name()), r.get(c.note()),
                            aliases);
                });
    }

    private static Columns columns(AuthorityKind kind) {
        return switch (kind) {
            case PERSON -> PEOPLE;
            case PLACE -> PLACES;
        };
    }
}
