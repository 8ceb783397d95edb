-- The languages a document is written in (DACS 4.5, "Languages and scripts of the material"; EAD
-- <langmaterial>; Dublin Core's language): ISO 639 codes as BCP 47 writes them ("ru", "zh"), the main
-- one first, one space apart; '' when no one has said. Each revision keeps the languages it was saved
-- with, as it keeps every other fact of the record. Seed pages do not say, so imports leave it ''.
ALTER TABLE document ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE revision ADD COLUMN languages TEXT NOT NULL DEFAULT '';
