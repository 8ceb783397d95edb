package org.dossier.documents;

/** No record has this id (it never existed: withdrawn records still exist). */
public final class NoSuchRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchRecordException(int id) {
        super("there is no document " + id);
    }
}
