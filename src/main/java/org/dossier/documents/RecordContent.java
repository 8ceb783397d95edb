package org.dossier.documents;

import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;

/**
 * What a record says, the same whether it is the record as it is now ({@link DocumentDetails}) or
 * one of its versions ({@link RecordVersion}): for what writes both alike ({@link DocumentJson}), so
 * that a key written for one cannot be forgotten for the other. {@code type} is null for none.
 */
public interface RecordContent {

    String title();

    List<String> summary();

    Optional<DocumentDate> date();

    AuthorityRef type();

    Languages languages();

    List<PersonLink> people();

    List<AuthorityRef> places();
}
