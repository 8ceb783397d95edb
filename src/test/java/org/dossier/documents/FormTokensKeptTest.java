package org.dossier.documents;

import static org.dossier.db.Tables.RECORD_FORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.dossier.accounts.Sessions;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new-record form's one-time token is kept as long as the form can be sent again, and no longer:
 * every record created through the form kept a row for good.
 */
class FormTokensKeptTest {

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();
    private MutableClock clock;
    private RecordStore store;

    @BeforeEach
    void open() throws IOException {
        clock = new MutableClock("2026-05-01T10:00:00Z");
        store = new RecordStore(database.dsl(), clock);
    }

    private int sent(FormToken token, String title) {
        return store.write(w -> w.createOnce(token, new RecordDraft(title, List.of(), DocumentDate.ofYear(1950)),
                Attribution.editor("alice", "Entered")));
    }

    private List<String> kept() {
        return database.dsl().select(RECORD_FORM.TOKEN).from(RECORD_FORM).orderBy(RECORD_FORM.TOKEN)
                .fetch(RECORD_FORM.TOKEN);
    }

    @Test
    void aFormsTokenIsKeptWhileItsSessionMayLastThenGoesAsAnotherFormIsSent() {
        assertTrue(FormToken.KEPT_FOR.compareTo(Sessions.LIFETIME) >= 0,
                "kept at least as long as the session whose CSRF token the form carries may last");
        FormToken first = FormToken.fresh();
        int created = sent(first, "A letter");

        // Sent again near the end of the longest session: still the record it created.
        clock.advance(Sessions.LIFETIME.minusMinutes(1));
        FormToken second = FormToken.fresh();
        int another = sent(second, "Another letter");
        assertEquals(created, sent(first, "A letter"), "the form sent again goes to its record");
        assertEquals(2, kept().size());

        // Past it, no session can send the first form: the next form's save takes its token away.
        clock.advance(Duration.ofMinutes(2));
        FormToken third = FormToken.fresh();
        sent(third, "A third letter");
        assertEquals(List.of(second.value(), third.value()).stream().sorted().toList(), kept());
        assertEquals(another, sent(second, "Another letter"), "a form still kept still finds its record");
    }
}
