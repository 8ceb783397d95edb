package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityVersion;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** When a version was saved, as the histories of records and of people and places say it. */
@SameOnEveryDatabase
class WhenVersionsWereSavedTest {

    /**
     * A record's version and a person's saved at the same instant are said saved in the same words:
     * the month named, the minute, in UTC whatever the JVM's zone.
     */
    @Test
    void aRecordsVersionAndAPersonsSavedAtOneInstantAreSaidSavedInTheSameWords() {
        Instant saved = Instant.parse("2026-05-01T10:15:42Z");
        Revision record = new Revision(7, 2, saved, "alice", "Corrected the date.", null, null);
        AuthorityVersion person = new AuthorityVersion(AuthorityKind.PERSON, "stalin", 2, saved, "alice",
                "Corrected the name.", null, null, null);
        assertEquals("May 1, 2026, 10:15 UTC", record.when());
        assertEquals(record.when(), person.when());

        Instant lastMinuteOfTheYear = Instant.parse("1999-12-31T23:59:59Z");
        assertEquals("December 31, 1999, 23:59 UTC",
                new AuthorityVersion(AuthorityKind.PLACE, "moscow", 1, lastMinuteOfTheYear, "import", "Imported.",
                        null, null, null).when());
    }
}
