package org.dossier.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import org.dossier.authorities.PersonRole;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.TestCatalogue;

/**
 * The records the citation tests cite: two seed records, one dated to the day and one to the
 * month, and one dated to the year only, added for the purpose. Read on a fixed day from a fixed
 * address, so that what they print can be compared with golden files.
 */
final class SampleCitations implements AutoCloseable {

    static final String SITE = "https://dossier.example.org";
    static final LocalDate ACCESSED = LocalDate.of(2026, 5, 4);
    /** Words of the titles of two seed records: dated "May 10, 1943" and "February 1942". */
    static final String DAY_PRECISE = "Letter to Stalin from Korean Political Parties";
    static final String MONTH_PRECISE = "Letter to Stalin from the Commanders and Soldiers";
    static final String YEAR_TITLE = "Annual Report of the Soviet Embassy in Pyongyang for 1950, "
            + "\u2018On the Political Situation in Korea\u2019";

    private final TestCatalogue catalogue = TestCatalogue.withSeeds();
    private final CatalogueDatabase database = CatalogueDatabase.of(catalogue);
    private final int yearPrecise;
    /** Two records dated by a span: "ca. 1961–1962" (years) and "June 3–5, 1961" (days). */
    private final int yearsSpan;
    private final int daysSpan;
    private final Citations citations;

    SampleCitations() {
        yearPrecise = database.at("2026-05-01T09:30:00Z").write(w -> w.create(new RecordDraft(YEAR_TITLE,
                List.of("The embassy reviews the year & the cost of the war: 50% of industry destroyed.",
                        "It ends with the tasks for 1951."),
                DocumentDate.ofYear(1950), database.typeId("report"),
                RecordDraft.inRole(List.of(database.personId("kim-il-sung")), PersonRole.MENTIONED),
                new TreeSet<>(List.of(database.placeId("dprk"))), Languages.typed("Russian, Korean")),
                Attribution.editor("tester", "Added for the citation tests")));
        yearsSpan = database.at("2026-05-01T09:31:00Z").write(w -> w.create(new RecordDraft(
                "File of Ciphered Telegrams between the Embassy in Pyongyang and Moscow",
                List.of("Telegrams on the embassy's talks with the Korean Workers' Party."),
                DocumentDate.parse("ca. 1961-1962"), database.typeId("report"),
                RecordDraft.inRole(List.of(database.personId("kim-il-sung")), PersonRole.MENTIONED),
                new TreeSet<>(List.of(database.placeId("dprk"))), Languages.typed("Russian")),
                Attribution.editor("tester", "Added for the citation tests")));
        daysSpan = database.at("2026-05-01T09:32:00Z").write(w -> w.create(new RecordDraft(
                "Record of Talks with Kim Il Sung in Moscow",
                List.of("Three days of talks."),
                DocumentDate.parse("3-5 June 1961"), database.typeId("report"),
                RecordDraft.inRole(List.of(database.personId("kim-il-sung")), PersonRole.AUTHOR),
                new TreeSet<>(List.of(database.placeId("dprk"))), Languages.typed("Russian")),
                Attribution.editor("tester", "Added for the citation tests")));
        citations = new Citations(database.dsl(), Archive.DEFAULT,
                Clock.fixed(ACCESSED.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    TestCatalogue catalogue() {
        return catalogue;
    }

    CatalogueDatabase database() {
        return database;
    }

    int yearPrecise() {
        return yearPrecise;
    }

    /**
     * The records, dated to the day, the month and the year, then two seed records with authors:
     * a cable from Stalin to Mao Zedong, and a report from one organisation to another; then two
     * dated by a span, of years (approximate) and of days.
     */
    List<Citation> all() {
        return citations.current(List.of(database.recordTitled(DAY_PRECISE), database.recordTitled(MONTH_PRECISE),
                yearPrecise, database.recordTitled("Cable, Stalin to Mao Zedong"),
                database.recordTitled("Report, Legation of Hungary"), yearsSpan, daysSpan), SITE);
    }

    @Override
    public void close() {
        database.close();
        catalogue.close();
    }
}
