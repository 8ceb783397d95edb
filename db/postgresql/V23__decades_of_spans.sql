-- The records whose date is a span ("1959–1961"), by where they end: a span is in the OAI-PMH set
-- of every decade it covers, as the search's decades find it, and the decades that hold only the
-- middle or the end of a span (a set ListSets offers) and the spans that reach into a decade from
-- an earlier one (what counting its set adds) are read here, where without it each was a read of
-- every record. Spans are a few records in a hundred; single dates are not in it.
CREATE INDEX document_spans ON document (date_end_key, date_key) WHERE date_end_key IS NOT NULL;
