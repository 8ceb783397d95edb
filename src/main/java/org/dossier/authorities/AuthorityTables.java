package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import org.jooq.Field;
import org.jooq.Table;

/**
 * Where one authority list lives: people and places are kept alike (a row, its forms, its links to
 * records), so every query over them is written once with these columns.
 */
record AuthorityTables(Table<?> table, Field<Integer> id, Field<String> key, Field<String> name,
                       Field<String> sortName, Field<String> note, Field<Integer> version, Field<Integer> mergedInto,
                       Table<?> aliases, Field<Integer> owner, Field<String> alias, Field<String> aliasKind,
                       Table<?> links, Field<Integer> linkedDocument, Field<Integer> linkedAuthority) {

    static final AuthorityTables PEOPLE = new AuthorityTables(PERSON, PERSON.ID, PERSON.KEY, PERSON.NAME,
            PERSON.SORT_NAME, PERSON.NOTE, PERSON.VERSION, PERSON.MERGED_INTO,
            PERSON_ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND,
            DOCUMENT_PERSON, DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID);

    static final AuthorityTables PLACES = new AuthorityTables(PLACE, PLACE.ID, PLACE.KEY, PLACE.NAME,
            PLACE.SORT_NAME, PLACE.NOTE, PLACE.VERSION, PLACE.MERGED_INTO,
            PLACE_ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND,
            DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID);

    static AuthorityTables of(AuthorityKind kind) {
        return kind == AuthorityKind.PERSON ? PEOPLE : PLACES;
    }
}
