package org.dossier.editing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.authorities.AuthorityFiles;
import org.dossier.authorities.AuthorityKind;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.RunningCatalogue;

/**
 * A folder an {@code import} reads: a people or places list (its rows after the header) and a page of one
 * record, and that import run as the command runs it, on a connection of its own to a catalogue.
 */
record ListsToImport(Path folder) {

    /** In {@code folder}: {@code authorities/people.csv} of {@code people}, and a page of one record titled {@code title}. */
    static ListsToImport of(Path folder, List<String> people, String title) throws IOException {
        return of(folder, AuthorityKind.PERSON, people, title);
    }

    /** As {@link #of(Path, List, String)}, the rows {@code list}'s file: {@code people.csv} or {@code places.csv}. */
    static ListsToImport of(Path folder, AuthorityKind list, List<String> rows, String title) throws IOException {
        Files.createDirectories(folder.resolve("authorities"));
        Files.write(folder.resolve("authorities").resolve(file(list)),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("key,kind,name,sort_as,note"), rows.stream())
                        .toList(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("page.txt"), "Skip to content\n\n\n1 - 1 of 1\n\n\nDocuments\n\n"
                + "March 3, 1950\n\n" + title + "\n\nA report of the clerks' office.\n\n", StandardCharsets.UTF_8);
        return new ListsToImport(folder);
    }

    /** The file of {@code list} in a folder's {@code authorities/}, as an import's report names it. */
    static String file(AuthorityKind list) {
        return list.forPeople() ? AuthorityFiles.PEOPLE : AuthorityFiles.PLACES;
    }

    /** The import into {@code catalogue}'s database, {@code progress} told of each entry it writes (its transaction open). */
    ImportReport into(RunningCatalogue catalogue, ImportRun.Listener progress) throws ImportRejectedException, IOException {
        try (Database db = Database.open(catalogue.database())) {
            return new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC())
                    .run(List.of(folder), progress);
        }
    }
}
