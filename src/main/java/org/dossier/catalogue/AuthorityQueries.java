package org.dossier.catalogue;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.util.List;
import java.util.Optional;
import org.dossier.search.Facet;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Reads a person or a place, with the other forms of its name, by key or by id. */
public final class AuthorityQueries {

    private final DSLContext db;

    public AuthorityQueries(DSLContext db) {
        this.db = db;
    }

    public Optional<Authority> person(String key) {
        return person(PERSON.KEY.eq(key));
    }

    public Optional<Authority> person(int id) {
        return person(PERSON.ID.eq(id));
    }

    public Optional<Authority> place(String key) {
        return place(PLACE.KEY.eq(key));
    }

    public Optional<Authority> place(int id) {
        return place(PLACE.ID.eq(id));
    }

    private Optional<Authority> person(Condition which) {
        return db.select(PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.NOTE).from(PERSON).where(which)
                .fetchOptional(r -> {
                    List<Authority.Alias> aliases = db.select(PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND).from(PERSON_ALIAS)
                            .where(PERSON_ALIAS.PERSON_ID.eq(r.value1())).and(PERSON_ALIAS.ALIAS.ne(r.value3()))
                            .orderBy(PERSON_ALIAS.KIND.desc(), PERSON_ALIAS.ALIAS)
                            .fetch(a -> new Authority.Alias(a.value1(), a.value2()));
                    return new Authority(Facet.PERSON, r.value1(), r.value2(), r.value3(), r.value4(), aliases);
                });
    }

    private Optional<Authority> place(Condition which) {
        return db.select(PLACE.ID, PLACE.KEY, PLACE.NAME, PLACE.NOTE).from(PLACE).where(which)
                .fetchOptional(r -> {
                    List<Authority.Alias> aliases = db.select(PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND).from(PLACE_ALIAS)
                            .where(PLACE_ALIAS.PLACE_ID.eq(r.value1())).and(PLACE_ALIAS.ALIAS.ne(r.value3()))
                            .orderBy(PLACE_ALIAS.KIND.desc(), PLACE_ALIAS.ALIAS)
                            .fetch(a -> new Authority.Alias(a.value1(), a.value2()));
                    return new Authority(Facet.PLACE, r.value1(), r.value2(), r.value3(), r.value4(), aliases);
                });
    }
}
