package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import org.dossier.editing.Editors;
import org.dossier.accounts.Passwords;
import org.dossier.testing.Http;
import org.dossier.testing.TestCatalogue;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;
import org.dossier.testing.SameOnEveryDatabase;

/** A catalogue made by the previous release (migrations V1–V4) opens, upgrades itself and serves what it held. */
@SameOnEveryDatabase
class UpgradeTest {

    private static final String PREVIOUS_RELEASE = "4";

    @Test
    void aDatabaseOfThePreviousReleaseIsUpgradedOnStartAndServesItsRecordsHistoryAndAccounts() throws Exception {
        Path folder = Files.createTempDirectory("dossier-upgrade-");
        Path db = folder.resolve("old.db");
        try {
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + db);
            Flyway.configure().dataSource(source).locations("classpath:db/sqlite").target(PREVIOUS_RELEASE).load().migrate();
            // The rows as the previous release wrote them, in its own columns.
            try (Connection c = source.getConnection()) {
                run(c, "INSERT INTO document_type (id, key, label, position) VALUES (1, 'letter', 'Letter', 1)");
                run(c, "INSERT INTO person (id, key, name, sort_name) VALUES (1, 'stalin', 'Joseph Stalin', 'Stalin, Joseph')");
                run(c, "INSERT INTO person_alias (person_id, alias, kind) VALUES (1, 'Filippov', 'pseudonym')");
                run(c, "INSERT INTO document (id, title, summary, date_key, date_precision, type_id, sort_title, slug, "
                        + "version, created_at, updated_at) VALUES (7, 'Letter from Filippov to Mao', 'On the treaty.', "
                        + "'1950-01-01', 'month', 1, 'letter from filippov to mao', 'letter-from-filippov-to-mao', 2, "
                        + "'2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')");
                run(c, "INSERT INTO document_person (document_id, person_id) VALUES (7, 1)");
                // Titles opening with an article, filed under it until V14.
                run(c, "INSERT INTO document (id, title, summary, date_key, date_precision, type_id, sort_title, slug, "
                        + "version, created_at, updated_at) VALUES "
                        + "(8, 'The Political Situation in Korea', '', '1950-01-01', 'year', 1, 'the political situation in korea', "
                        + "'the-political-situation-in-korea', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), "
                        + "(9, 'A-bomb Tests', '', '1950-01-01', 'year', 1, 'a bomb tests', 'a-bomb-tests', 1, "
                        + "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), "
                        + "(10, 'An Appeal to Stalin', '', '1950-01-01', 'year', 1, 'an appeal to stalin', 'an-appeal-to-stalin', 1, "
                        + "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), "
                        // A title in another script, with the empty key it had until V16.
                        + "(11, 'Письмо Хрущёва', '', '1950-01-01', 'year', 1, '', 'document', 1, "
                        + "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')");
                run(c, "INSERT INTO document_slug (document_id, slug, created_at) VALUES (7, 'letter-from-fillipov', "
                        + "'2025-01-01T00:00:00Z'), (7, 'letter-from-filippov-to-mao', '2025-02-01T00:00:00Z')");
                run(c, "INSERT INTO revision (id, document_id, number, created_at, author, note, source, title, summary, "
                        + "date_key, date_precision, type_id, slug) VALUES "
                        + "(1, 7, 1, '2025-01-01T00:00:00Z', 'import', 'Imported', 'page.txt:3', 'Letter from Fillipov', "
                        + "'On the treaty.', '1950-01-01', 'month', 1, 'letter-from-fillipov'), "
                        + "(2, 7, 2, '2025-02-01T00:00:00Z', 'olga', 'Spelling of Filippov', NULL, "
                        + "'Letter from Filippov to Mao', 'On the treaty.', '1950-01-01', 'month', 1, 'letter-from-filippov-to-mao')");
                run(c, "INSERT INTO revision_person (revision_id, person_id) VALUES (2, 1)");
                try (PreparedStatement account = c.prepareStatement("INSERT INTO account (username, password_hash, role, "
                        + "created_at, updated_at) VALUES ('olga', ?, 'editor', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")) {
                    account.setString(1, Passwords.hash(Editors.PASSWORD));
                    account.executeUpdate();
                }
            }

            try (OperatedCatalogue upgraded = OperatedCatalogue.start(db, null, TestCatalogue.STOPS_AT_ONCE)) {
                Http http = upgraded.http();
                HttpResponse<String> ready = http.get(Health.READINESS);
                assertEquals(200, ready.statusCode(), ready.body());
                MigrationInfo[] all = Flyway.configure().dataSource(source).locations("classpath:db/sqlite").load()
                        .info().all();
                String newest = all[all.length - 1].getVersion().getVersion();
                assertTrue(ready.body().contains("\"current\":\"" + newest + "\""), ready.body());
                assertTrue(Arrays.stream(all).allMatch(m -> m.getState().isApplied()));

                try (Connection c = source.getConnection(); var rows = c.createStatement()
                        .executeQuery("SELECT title, sort_title FROM document ORDER BY id")) {
                    while (rows.next()) {
                        assertEquals(org.dossier.documents.Slugs.sortKey(rows.getString(1)), rows.getString(2),
                                "a key stored before V14 (and V16) follows the rule new records get");
                    }
                }
                String byTitle = http.get("/?sort=title").body();
                int bomb = byTitle.indexOf("A-bomb Tests"), appeal = byTitle.indexOf("An Appeal to Stalin"),
                        letter = byTitle.indexOf("Letter from Filippov to Mao"), korea = byTitle.indexOf("The Political Situation");
                int russian = byTitle.indexOf("Письмо Хрущёва");
                assertTrue(0 < bomb && bomb < appeal && appeal < letter && letter < korea && korea < russian,
                        "filed as a catalogue files them: A-bomb, Appeal, Letter, Political, then the Cyrillic");

                HttpResponse<String> json = http.get("/documents/7.json");
                assertEquals(200, json.statusCode(), json.body());
                assertTrue(json.body().contains("Letter from Filippov to Mao"));
                assertEquals("/documents/7/letter-from-filippov-to-mao", http.get("/documents/7/letter-from-fillipov")
                        .headers().firstValue("Location").orElse(""));
                String history = http.get("/documents/7/history").body();
                assertTrue(history.contains("Spelling of Filippov") && history.contains("page.txt:3"), history);
                assertTrue(http.get("/search.json?person=stalin").body().contains("\"id\":7"));
                Editors.signIn(http, "olga");
            }
        } finally {
            TestCatalogue.deleteRecursively(folder);
        }
    }

    private static void run(Connection connection, String sql) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
