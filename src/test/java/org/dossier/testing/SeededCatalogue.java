package org.dossier.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;
import org.dossier.app.Protection;
import org.dossier.documents.ChangeFeed;
import org.dossier.web.PublicUrl;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The catalogue with the seed pages imported, served on a random port, for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();
 * }</pre>
 *
 * <p>Classes that only read share one catalogue per test run ({@link #sharedForReading()}), which
 * spares a database, an import and an index build per class, twice (SQLite, then PostgreSQL). A class
 * that writes anything — a save, a withdrawal, an account — gets its own ({@link #ownedByTheClass()}),
 * so that no other class sees its changes. The shared one holds its readers to that: a class that
 * moved the change feed fails after its last test, naming itself.
 */
public final class SeededCatalogue implements RunningCatalogue, BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(SeededCatalogue.class);

    private final boolean shared;
    /** What the catalogue's server refuses (search limits, trusted proxies, hosts): a class's own may say. */
    private final Protection protection;
    private final List<Consumer<RunningCatalogue>> whenStarted = new ArrayList<>();
    private final List<AutoCloseable> closedBeforeStopping = new ArrayList<>();
    private TestCatalogue catalogue;
    private long headAtStart;

    private SeededCatalogue(boolean shared, Protection protection) {
        this.shared = shared;
        this.protection = protection;
    }

    /** One catalogue for every class that only reads it, started by the first and closed at the end of the run. */
    public static SeededCatalogue sharedForReading() {
        return new SeededCatalogue(true, Protection.NONE);
    }

    /** A catalogue of the class's own, started before its first test and closed after its last. */
    public static SeededCatalogue ownedByTheClass() {
        return ownedByTheClass(Protection.NONE);
    }

    /** As {@link #ownedByTheClass()}, its server guarding itself as {@code protection} says: for a class that checks a limit or a proxy. */
    public static SeededCatalogue ownedByTheClass(Protection protection) {
        return new SeededCatalogue(false, protection);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared) {
            // The root store closes what it holds (TestCatalogue is AutoCloseable) when the run ends.
            catalogue = context.getRoot().getStore(SHARED)
                    .computeIfAbsent("seeded", key -> TestCatalogue.withSeeds(), TestCatalogue.class);
            headAtStart = head();
        } else {
            catalogue = TestCatalogue.withSeeds(protection);
        }
        whenStarted.forEach(work -> work.accept(this));
    }

    @Override
    public void whenStarted(Consumer<RunningCatalogue> work) {
        if (catalogue != null) {
            work.accept(this);
        } else {
            whenStarted.add(work);
        }
    }

    /** Closes {@code held} (a connection to this catalogue's database, say) after the class's last test, before this stops. */
    public void closeBeforeStopping(AutoCloseable held) {
        closedBeforeStopping.add(held);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable held : closedBeforeStopping) {
                held.close();
            }
        } finally {
            if (!shared) {
                catalogue.close();
            }
        }
        if (!shared) {
            return;
        }
        long head = head();
        if (head != headAtStart) {
            throw new IllegalStateException(context.getRequiredTestClass().getSimpleName()
                    + " wrote to the shared seeded catalogue (the change feed moved from " + headAtStart + " to "
                    + head + "): give it SeededCatalogue.ownedByTheClass()");
        }
    }

    private long head() {
        try (Database db = Database.open(database())) {
            return ChangeFeed.head(db.dsl()).last();
        }
    }

    @Override
    public Http http() {
        return catalogue.http();
    }

    @Override
    public String baseUrl() {
        return catalogue.baseUrl();
    }

    @Override
    public DatabaseAddress database() {
        return catalogue.database();
    }

    @Override
    public Path folder() {
        return catalogue.folder();
    }

    @Override
    public DossierApp app() {
        return catalogue.app();
    }

    @Override
    public int recordTitled(String words) {
        return catalogue.recordTitled(words);
    }

    /** Another app node on this catalogue's database; close it before the class ends. */
    public TestCatalogue anotherNode() {
        return catalogue.anotherNode();
    }

    /** Another app node on this catalogue's database, for readers who reach it at {@code site}; close it before the class ends. */
    public TestCatalogue anotherNode(PublicUrl site) {
        return catalogue.anotherNode(org.dossier.app.Protection.NONE, site);
    }

    /** Another app node on this catalogue's database whose writes wait {@code writeWait} and whose /ready remembers for {@code remembered}; close it before the class ends. */
    public TestCatalogue anotherNodeWaiting(org.dossier.app.WriteWait writeWait, java.time.Duration remembered) {
        return catalogue.anotherNodeWaiting(writeWait, remembered);
    }
}
