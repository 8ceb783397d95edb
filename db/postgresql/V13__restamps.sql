-- The people and places renamed whose records' datestamps have still to move. A record shows its
-- people and places by name (its page, its citations, its OAI-PMH metadata), so renaming one changes
-- every record linked to it: its updated_at (the OAI-PMH datestamp, the sitemap's last change,
-- JSON's "updated") moves, so that harvesters fetch it again. The most-linked person of a catalogue
-- of a million records names 464,046 of them, whose stamping in one statement held the write lock
-- for 6-10 s; they are stamped in batches of their own transactions, in record order, as a merge
-- moves its links, and any node carries on what another began. One row a renamed authority while
-- its records are being stamped; deleted when the last is.
--   facet           'person' or 'place'
--   authority_id    the one renamed
--   after_document  the last record stamped so far (0 before the first)
CREATE TABLE restamp (
    facet           TEXT    NOT NULL CHECK (facet IN ('person', 'place')),
    authority_id    BIGINT  NOT NULL,
    after_document  BIGINT  NOT NULL,
    PRIMARY KEY (facet, authority_id)
);
