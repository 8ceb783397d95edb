package org.dossier.app;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.dossier.catalogue.AuthorityPage;
import org.dossier.catalogue.AuthorityQueries;
import org.dossier.catalogue.CataloguePage;
import org.dossier.catalogue.CatalogueSearch;
import org.dossier.catalogue.FacetValuesPage;
import org.dossier.catalogue.ListingQuery;
import org.dossier.catalogue.SearchExport;
import org.dossier.catalogue.SearchPage;
import org.dossier.documents.Citations;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.editing.AccessControl;
import org.dossier.editing.Accounts;
import org.dossier.editing.Dashboard;
import org.dossier.editing.EditForm;
import org.dossier.editing.HistoryPage;
import org.dossier.editing.LoginPage;
import org.dossier.editing.LoginThrottle;
import org.dossier.editing.Revisions;
import org.dossier.editing.Sessions;
import org.dossier.editing.UsersPage;
import org.dossier.editing.WithdrawPage;
import org.dossier.documents.RecordVersions;
import org.dossier.documents.VersionPage;
import org.dossier.harvest.AtomFeed;
import org.dossier.harvest.OaiPmh;
import org.dossier.harvest.Robots;
import org.dossier.harvest.Sitemaps;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchEngine;
import org.dossier.web.ErrorPages;
import org.dossier.web.SecurityHeaders;
import org.dossier.web.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole catalogue, wired by hand: read this to see every feature, its routes and what it
 * depends on.
 */
public final class DossierApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DossierApp.class);

    private final Database database;
    private final Javalin server;
    private final SearchEngine search;

    private DossierApp(Database database, Javalin server, SearchEngine search) {
        this.database = database;
        this.server = server;
        this.search = search;
    }

    public static DossierApp start(Settings settings) throws IOException, ImportRejectedException {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(settings.database());
        SearchEngine search = null;
        try {
            RecordStore store = new RecordStore(database.dsl(), clock);
            importSeedsIfEmpty(settings, database, store, clock);

            // Search: a Lucene index beside the database, checked (and rebuilt if stale) on every start,
            // then kept up to date by every write through the store.
            search = LuceneSearchEngine.open(settings.searchIndex(), database.dsl());
            store.onChange(search);
            CatalogueSearch catalogueSearch = new CatalogueSearch(search, new ListingQuery(database.dsl()), database.dsl());
            SearchPage searchPage = new SearchPage(catalogueSearch, settings.publicUrl());
            FacetValuesPage facetValues = new FacetValuesPage(catalogueSearch);
            AuthorityPage authorityPage = new AuthorityPage(new AuthorityQueries(database.dsl()), catalogueSearch);

            Templates templates = new Templates(settings.publicUrl());
            // Permalinks, versions and citations (issue 5).
            Citations citations = new Citations(database.dsl(), settings.archive(), clock);
            SearchExport searchExport = new SearchExport(catalogueSearch, citations, settings.publicUrl());
            RecordPage recordPage = new RecordPage(new RecordQueries(database.dsl()), settings.publicUrl(), citations);
            VersionPage versionPage = new VersionPage(new RecordQueries(database.dsl()),
                    new RecordVersions(database.dsl()), citations, settings.publicUrl());
            OaiPmh oai = new OaiPmh(database.dsl(), settings.archive(), settings.publicUrl(), clock);
            Sitemaps sitemaps = new Sitemaps(database.dsl(), settings.publicUrl());
            AtomFeed feed = new AtomFeed(database.dsl(), settings.archive(), settings.publicUrl(), clock);
            CataloguePage catalogue = new CataloguePage(new ListingQuery(database.dsl()));

            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.fileRenderer(templates);
                config.jsonMapper(new JavalinJackson(JavalinJackson.defaultMapper(), false));
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = "/static";
                    files.location = Location.CLASSPATH;
                    files.headers = java.util.Map.of("Cache-Control", "public, max-age=3600");
                });
                config.routes.before(SecurityHeaders::apply);
                ErrorPages.install(config.routes);

                // Editing: accounts, sessions, CSRF, record forms, withdrawals, history. Registered
                // before the record routes, so that /documents/{id}/history is not taken for a slug.
                RecordQueries records = new RecordQueries(database.dsl());
                Revisions revisions = new Revisions(database.dsl());
                Accounts accounts = new Accounts(database.dsl(), clock);
                AccessControl access = new AccessControl(new Sessions(database.dsl(), clock), settings.publicUrl());
                LoginPage login = new LoginPage(accounts, new LoginThrottle(database.dsl(), clock), access);
                EditForm editForm = new EditForm(database.dsl(), store, records, revisions);
                WithdrawPage withdrawal = new WithdrawPage(store, records);
                HistoryPage history = new HistoryPage(store, records, revisions, settings.publicUrl());
                UsersPage users = new UsersPage(accounts);
                config.routes.before(access::identify);
                config.routes.before(access::guardAdmin);
                config.routes.before(access::checkCsrf);
                config.routes.get("/admin/login", login::form);
                config.routes.post("/admin/login", login::signIn);
                config.routes.post("/admin/logout", login::signOut);
                config.routes.get("/admin", new Dashboard(revisions)::show);
                config.routes.get("/admin/documents/new", editForm::blank);
                config.routes.post("/admin/documents/new", editForm::create);
                config.routes.get("/admin/documents/{id}/edit", editForm::edit);
                config.routes.post("/admin/documents/{id}/edit", editForm::save);
                config.routes.get("/admin/documents/{id}/withdraw", withdrawal::form);
                config.routes.post("/admin/documents/{id}/withdraw", withdrawal::withdraw);
                config.routes.post("/admin/documents/{id}/reinstate", withdrawal::reinstate);
                config.routes.post("/admin/documents/{id}/restore", history::restore);
                config.routes.get("/admin/users", users::list);
                config.routes.post("/admin/users", users::add);
                config.routes.post("/admin/users/{username}/role", users::setRole);
                config.routes.post("/admin/users/{username}/password", users::setPassword);
                config.routes.post("/admin/users/{username}/disable", users::disable);
                config.routes.post("/admin/users/{username}/enable", users::enable);
                config.routes.get("/documents/{id}/history", history::list);
                config.routes.get("/documents/{id}/history/{number}", history::show);

                config.routes.get("/search", searchPage::html);
                config.routes.get("/search.json", searchPage::json);
                config.routes.get("/search.csv", searchExport::csv);
                config.routes.get("/search.ris", searchExport::ris);
                config.routes.get("/search.bib", searchExport::bibtex);
                config.routes.get(FacetValuesPage.PATH + "{facet}", facetValues::html);
                config.routes.get(AuthorityPage.PEOPLE + "{ref}", authorityPage::person);
                config.routes.get(AuthorityPage.PLACES + "{ref}", authorityPage::place);
                config.routes.get("/", catalogue::html);
                config.routes.get("/documents/{ref}", recordPage::resolve);
                // Javalin tries routes in the order they are added: versions before slugs.
                config.routes.get("/documents/{id}/v/{n}", versionPage::show);
                config.routes.get("/documents/{id}/{slug}", recordPage::show);

                // Harvesting and discovery (issue 5). POST /oai is a read, not a change: no CSRF token.
                config.routes.get("/oai", oai::handle);
                config.routes.post("/oai", oai::handle);
                config.routes.get("/sitemap.xml", sitemaps::root);
                config.routes.get("/sitemaps/{file}", sitemaps::child);
                config.routes.get("/feed.atom", feed::show);
                config.routes.get("/robots.txt", new Robots(settings.publicUrl())::show);
            });
            server.start(settings.host(), settings.port());
            return new DossierApp(database, server, search);
        } catch (IOException | ImportRejectedException | RuntimeException e) {
            if (search != null) {
                search.close();
            }
            database.close();
            throw e;
        }
    }

    private static void importSeedsIfEmpty(Settings settings, Database database, RecordStore store, Clock clock)
            throws IOException, ImportRejectedException {
        if (settings.seeds() == null || database.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT) > 0) {
            return;
        }
        if (!Files.isDirectory(settings.seeds())) {
            LOG.warn("The database is empty and there is no seeds folder at {}", settings.seeds().toAbsolutePath());
            return;
        }
        ImportReport report = new ImportRun(store, clock).run(List.of(settings.seeds()));
        LOG.info("First start: imported {} from {}", report.summary(), settings.seeds());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        search.close();
        database.close();
    }
}
