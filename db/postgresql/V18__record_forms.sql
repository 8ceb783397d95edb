-- The new-record forms that created a record, by the one-time token each form carried: the same form
-- sent twice (a double click, a browser or proxy sending it again after a save whose answer was lost)
-- finds the record it created and goes to it, instead of creating a second one. One row per record
-- created through the form; imports and generated records have none.
--   token        the form's token, random, issued with the blank form
--   document_id  the record it created
--   created_at   when
CREATE TABLE record_form (
    token        TEXT    COLLATE "C" PRIMARY KEY,
    document_id  BIGINT  NOT NULL REFERENCES document (id),
    created_at   TEXT    COLLATE "C" NOT NULL
);
