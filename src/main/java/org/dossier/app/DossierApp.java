package org.dossier.app;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.Mentions;
import org.dossier.authorities.PendingMerges;
import org.dossier.about.AboutPages;
import org.dossier.catalogue.AuthorityPage;
import org.dossier.catalogue.CataloguePage;
import org.dossier.catalogue.CatalogueSearch;
import org.dossier.catalogue.ExportSlots;
import org.dossier.catalogue.FacetValuesPage;
import org.dossier.catalogue.ListingQuery;
import org.dossier.catalogue.SearchExport;
import org.dossier.catalogue.SearchLinks;
import org.dossier.catalogue.RelatedSearch;
import org.dossier.catalogue.SearchSuggestions;
import org.dossier.catalogue.SearchPage;
import org.dossier.documents.Citations;
import org.dossier.documents.ExportFormat;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.accounts.AccessControl;
import org.dossier.editing.AuthorityEditing;
import org.dossier.editing.AuthorityHistory;
import org.dossier.accounts.Accounts;
import org.dossier.editing.Dashboard;
import org.dossier.editing.EditForm;
import org.dossier.editing.HistoryPage;
import org.dossier.accounts.LoginPage;
import org.dossier.accounts.LoginThrottle;
import org.dossier.editing.Revisions;
import org.dossier.accounts.Private;
import org.dossier.accounts.Role;
import org.dossier.accounts.Sessions;
import org.dossier.accounts.UsersPage;
import org.dossier.editing.WithdrawPage;
import org.dossier.documents.RecordVersions;
import org.dossier.documents.VersionPage;
import org.dossier.harvest.AtomFeed;
import org.dossier.harvest.OaiPmh;
import org.dossier.harvest.Robots;
import org.dossier.harvest.Sitemaps;
import org.dossier.importing.ImportRejectedException;
import org.dossier.ops.BuildInfo;
import org.dossier.ops.Health;
import org.dossier.ops.Operations;
import org.dossier.ops.OperationsSettings;
import org.dossier.ops.WarmUp;
import org.dossier.search.BoundedSearchEngine;
import org.dossier.search.IndexStatus;
import org.dossier.search.OpeningSearchEngine;
import org.dossier.search.SearchEngine;
import org.dossier.web.BodyEncoding;
import org.dossier.web.ClientAddress;
import org.dossier.web.ConditionalGet;
import org.dossier.web.CrossOrigin;
import org.dossier.web.PrivateAddresses;
import org.dossier.web.ErrorPages;
import org.dossier.web.HostCheck;
import org.dossier.web.JettySetup;
import org.dossier.web.LeadingZeros;
import org.dossier.web.SecurityHeaders;
import org.dossier.web.PublicUrl;
import org.dossier.web.ResultTrail;
import org.dossier.web.QueryEscapes;
import org.dossier.web.TrailingSlash;
import org.dossier.web.FootnoteAddresses;
import org.dossier.web.SearchLimit;
import org.dossier.web.StaticFiles;
import org.dossier.web.Templates;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole catalogue, wired by hand: read this to see every feature, its routes and what it
 * depends on.
 */
public final class DossierApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DossierApp.class);

    private final Settings settings;
    private final Clock clock;
    private final Database database;
    private final RecordStore store;
    private final AuthorityLists authorityLists;
    private final OpeningSearchEngine opening;
    private final SearchEngine search;
    private final Operations operations;
    private final PendingMerges pendingMerges;
    private final Javalin server;

    private DossierApp(Settings settings, Clock clock, Database database, RecordStore store,
                       AuthorityLists authorityLists, OpeningSearchEngine opening, SearchEngine search,
                       Operations operations, PendingMerges pendingMerges, Javalin server) {
        this.settings = settings;
        this.clock = clock;
        this.database = database;
        this.store = store;
        this.authorityLists = authorityLists;
        this.opening = opening;
        this.search = search;
        this.operations = operations;
        this.pendingMerges = pendingMerges;
        this.server = server;
    }

    /** Builds the app ({@link #build}) and starts it ({@link #start()}). */
    public static DossierApp start(Settings settings) throws IOException, ImportRejectedException {
        return start(settings, OperationsSettings.DEFAULT);
    }

    /** Builds the app ({@link #build}) and starts it ({@link #start()}); on failure, closes what it opened. */
    public static DossierApp start(Settings settings, OperationsSettings operating)
            throws IOException, ImportRejectedException {
        return start(settings, operating, StartPhase.Watch.NONE);
    }

    /** As {@link #start(Settings, OperationsSettings)}, telling {@code watch} what the start is doing. */
    static DossierApp start(Settings settings, OperationsSettings operating, StartPhase.Watch watch)
            throws IOException, ImportRejectedException {
        watch.phase(StartPhase.DATABASE);
        DossierApp app = build(settings, operating);
        try {
            return app.start(watch);
        } catch (IOException | ImportRejectedException | RuntimeException e) {
            // (a StartupProblem is a RuntimeException: it is passed on after the same clean-up)
            app.close();
            throw e;
        }
    }

    /**
     * Opens the database and wires every feature and route, but imports nothing, opens no search
     * index and listens on no port: {@link #start()} does those. Built alone, the app can be exercised
     * in-process ({@link #startInProcess()}).
     */
    public static DossierApp build(Settings settings, OperationsSettings operating) {
        Listening.requireAddress(settings.host(), "--host");
        if (operating.metricsPort() != null) {
            Listening.requireAddress(operating.metricsHost(), "--metrics-host");
        }
        new SeedsAtStart(settings).refuseNamedButMissing();
        Clock clock = Clock.systemUTC();
        Protection protection = settings.protection();
        ClientAddress clients = ClientAddress.behind(protection.trustedProxies());
        HostCheck hosts = protection.allowedHosts().isEmpty() ? HostCheck.anyValid()
                : HostCheck.only(protection.allowedHosts());
        Database database = openDatabase(settings);
        DSLContext db = database.dsl();
        PublicUrl site = settings.publicUrl();
        StartWarnings.log(settings, hosts);
        // Operations: health and readiness, metrics, the access log, a graceful stop.
        Operations operations = new Operations(operating, database);
        try {
            // Through a rolling upgrade this node goes on serving, but saves nothing the newer schema would misread.
            RecordStore store = database.recordStore(clock);
            // The authority lists in memory, read again after each write here and, through the
            // change feed the index follows, after each change to them on another node.
            AuthorityLists authorityLists = AuthorityLists.load(db);
            store.onChange(authorityLists);
            OpeningSearchEngine opening = new SearchAtStart(settings).engine(db, authorityLists);
            // Bounded outside the measured engine, so that searches turned away do not count as searches.
            BoundedSearchEngine search = new BoundedSearchEngine(operations.watch(opening), protection.maxSearches(),
                    protection.searchWait());
            store.onChange(search);
            store.onChange(operations.metrics()::recordsChanged);

            // What more than one feature is wired with.
            ConditionalGet conditional = conditionalGets(settings, search, clock);
            Templates templates = new Templates(site, AboutPages.LINKS);
            Citations citations = new Citations(db, settings.archive(), clock);
            ListingQuery listing = new ListingQuery(db);
            CatalogueSearch catalogueSearch = new CatalogueSearch(search, listing, authorityLists);
            AuthorityRecords authorities = new AuthorityRecords(db);
            RecordQueries records = new RecordQueries(db);
            Revisions revisions = new Revisions(db);
            // What the routes declare private (a role, or Private.NO_SIGN_IN), learnt as they are declared below.
            PrivateAddresses privateAddresses = new PrivateAddresses();
            AccessControl access = new AccessControl(new Sessions(db, clock), site, privateAddresses);
            CrossOrigin crossOrigin = new CrossOrigin(privateAddresses);
            // A merge of people or places (or its undoing) moves its first records in its request, the
            // rest in batches in the background.
            PendingMerges pendingMerges = new PendingMerges(store, clock);
            operations.metrics().pendingMerges(authorities::stillToMove);
            SearchLimit searchLimit = new SearchLimit(protection.searchLimit(), clients, clock);
            ExportSlots exportSlots = new ExportSlots(protection.maxExports(), protection.exportWait(),
                    protection.exportNice());

            // Catalogue: the listing, search with facets and its exports, every value of a facet.
            CataloguePage catalogue = new CataloguePage(listing, conditional, site);
            SearchPage searchPage = new SearchPage(catalogueSearch, search, site, citations, templates, conditional,
                    protection.keptAnswers());
            operations.metrics().searchPages(searchPage::pagesGivenKept, searchPage::pagesRendered);
            SearchExport searchExport = new SearchExport(catalogueSearch, citations, site, conditional, exportSlots);
            FacetValuesPage facetValues = new FacetValuesPage(catalogueSearch);
            SearchSuggestions suggestions = new SearchSuggestions(search);
            // About and help: what the catalogue holds, how to search it, how to cite and harvest it.
            AboutPages about = new AboutPages(search, listing, conditional, site);
            // People and places: their public pages and histories, and the editors' forms that keep them
            // (linking the records that name them, merging two that are one).
            AuthorityPage authorityPage = new AuthorityPage(authorities, catalogueSearch, conditional);
            AuthorityEditing authorityEditing = new AuthorityEditing(db, store,
                    Mentions.searching(search, Mentions.scanning(db)), pendingMerges, clock);
            AuthorityHistory authorityHistory = new AuthorityHistory(db, store, pendingMerges, clock, conditional);
            // Documents: the record page, its versions, citations and downloads, its history and restoring a version.
            RecordPage recordPage = new RecordPage(records, site, citations, new RelatedSearch(search, listing),
                    conditional);
            VersionPage versionPage = new VersionPage(records, new RecordVersions(db), citations, site, conditional);
            HistoryPage history = new HistoryPage(store, records, revisions, conditional);
            // Accounts: signing in and out, and the admins' page of accounts and roles.
            Accounts accounts = new Accounts(db, clock);
            LoginPage login = new LoginPage(accounts, new LoginThrottle(db, clock), access, clients);
            UsersPage users = new UsersPage(accounts);
            // Editing records: the editors' dashboard, the record forms, withdrawals and reinstatements.
            Dashboard dashboard = new Dashboard(revisions, authorities);
            EditForm editForm = new EditForm(authorityLists, store, records, revisions, clock);
            WithdrawPage withdrawal = new WithdrawPage(store, records, revisions);
            // Harvesting and discovery: OAI-PMH, the sitemaps, the Atom feed, robots.txt.
            OaiPmh oai = new OaiPmh(db, settings.archive(), site, clock, database::earliestPendingStamp);
            Sitemaps sitemaps = new Sitemaps(db, site, conditional);
            AtomFeed feed = new AtomFeed(db, settings.archive(), site, clock, conditional);
            Robots robots = new Robots(site);
            // Operations: a node's health and readiness.
            Health health = operations.health();

            Javalin server = Javalin.create(config -> {
                config.events.handlerAdded(privateAddresses::learn);
                JettySetup.configure(config, protection.serverTiming(), templates, site, crossOrigin);
                // After it, so that its graceful stop is outermost and counts a request in flight from
                // its first byte: inside BodyBeforeThread, a form whose body was still coming when the
                // stop began was not counted, and was answered 503 with the grace unused.
                operations.configure(config);
                StaticFiles.serve(config);
                RoutesConfig routes = config.routes;
                beforeEveryRequest(routes, site, hosts, searchLimit, operations, access, crossOrigin);

                // Every route, in the order of its address, so that a page's handler is found from its
                // URL (an address a constant holds is written beside it). Javalin tries them in the
                // order they are added, and "{" sorts after every letter: a fixed address
                // (/documents/{id}/history) comes before one with a parameter in its place
                // (/documents/{id}/{slug}). Role: who may reach a route; every /admin route has one
                // (Private.NO_SIGN_IN: anyone, signed in or not; BuiltAppTest checks it).
                routes.get("/", catalogue::html);
                routes.get(AboutPages.ABOUT, about::about);                                           // /about
                routes.get("/admin", dashboard::show, Role.EDITOR);
                routes.get("/admin/documents/new", editForm::blank, Role.EDITOR);
                routes.post("/admin/documents/new", editForm::create, Role.EDITOR);
                routes.get("/admin/documents/{id}/edit", editForm::edit, Role.EDITOR);
                routes.post("/admin/documents/{id}/edit", editForm::save, Role.EDITOR);
                routes.post("/admin/documents/{id}/reinstate", withdrawal::reinstate, Role.EDITOR);
                routes.post("/admin/documents/{id}/restore", history::restore, Role.EDITOR);
                routes.get("/admin/documents/{id}/withdraw", withdrawal::form, Role.EDITOR);
                routes.post("/admin/documents/{id}/withdraw", withdrawal::withdraw, Role.EDITOR);
                routes.get(AccessControl.LOGIN_PATH, login::form, Private.NO_SIGN_IN);                // /admin/login
                routes.post(AccessControl.LOGIN_PATH, login::signIn, Private.NO_SIGN_IN);
                routes.post(AccessControl.LOGOUT_PATH, login::signOut, Role.EDITOR);                  // /admin/logout
                // /admin/people and /admin/places: the list, new, then {key}/edit, link, merge, restore.
                for (AuthorityKind kind : AuthorityKind.values()) {
                    routes.get(kind.adminPath(), ctx -> authorityEditing.list(ctx, kind), Role.EDITOR);
                    routes.get(kind.newPath(), ctx -> authorityEditing.blank(ctx, kind), Role.EDITOR);
                    routes.post(kind.newPath(), ctx -> authorityEditing.create(ctx, kind), Role.EDITOR);
                    routes.get(kind.editPath("{key}"), ctx -> authorityEditing.edit(ctx, kind), Role.EDITOR);
                    routes.post(kind.editPath("{key}"), ctx -> authorityEditing.save(ctx, kind), Role.EDITOR);
                    routes.get(kind.linkPath("{key}"), ctx -> authorityEditing.preview(ctx, kind), Role.EDITOR);
                    routes.post(kind.linkPath("{key}"), ctx -> authorityEditing.link(ctx, kind), Role.EDITOR);
                    routes.get(kind.mergePath("{key}"), ctx -> authorityEditing.mergeForm(ctx, kind), Role.EDITOR);
                    routes.post(kind.mergePath("{key}"), ctx -> authorityEditing.merge(ctx, kind), Role.EDITOR);
                    routes.post(kind.restorePath("{key}"), ctx -> authorityHistory.restore(ctx, kind), Role.EDITOR);
                }
                routes.get("/admin/users", users::list, Role.ADMIN);
                routes.post("/admin/users", users::add, Role.ADMIN);
                routes.post("/admin/users/{username}/disable", users::disable, Role.ADMIN);
                routes.post("/admin/users/{username}/enable", users::enable, Role.ADMIN);
                routes.post("/admin/users/{username}/password", users::setPassword, Role.ADMIN);
                routes.post("/admin/users/{username}/role", users::setRole, Role.ADMIN);
                routes.get("/documents/{ref}", recordPage::resolve);
                routes.get("/documents/{id}/history", history::list);
                routes.get("/documents/{id}/history/{number}", history::show);
                routes.get("/documents/{id}/v/{number}", versionPage::show);
                routes.get("/documents/{id}/{slug}", recordPage::show);
                routes.get(AtomFeed.PATH, feed::show);                                                // /feed.atom
                routes.get(Health.LIVENESS, health::liveness);                                        // /health
                routes.get(AboutPages.CITING_HELP, about::citingHelp);                                // /help/citing
                routes.get(AboutPages.SEARCH_HELP, about::searchHelp);                                // /help/search
                // POST /oai is a harvester's long request, a read: AccessControl asks no CSRF token of it.
                routes.get(OaiPmh.PATH, oai::handle);                                                 // /oai
                routes.post(OaiPmh.PATH, oai::handle);
                // /people and /places: every one by name (the facet's page of all its values, with how
                // many records name each), then {key}/history, {key}/history/{number}, {ref}.
                for (AuthorityKind kind : AuthorityKind.values()) {
                    routes.get("/" + kind.plural(), ctx -> ctx.redirect(FacetValuesPage.PATH + kind.key() + "?order=name",
                            io.javalin.http.HttpStatus.FOUND));
                    routes.get(kind.historyPath("{key}"), ctx -> authorityHistory.list(ctx, kind));
                    routes.get(kind.historyPath("{key}") + "/{number}", ctx -> authorityHistory.show(ctx, kind));
                    routes.get(kind.path("{ref}"), ctx -> authorityPage.show(ctx, kind));
                }
                routes.get(Health.READINESS, health::readiness);                                      // /ready
                routes.get(Robots.PATH, robots::show);                                                // /robots.txt
                routes.get(SearchLinks.SEARCH, searchPage::html);                                     // /search
                routes.get(SearchExport.path(ExportFormat.BIBTEX), searchExport::bibtex);             // /search.bib
                routes.get(SearchExport.path(ExportFormat.CSV), searchExport::csv);                   // /search.csv
                routes.get(SearchPage.JSON, searchPage::json);                                        // /search.json
                routes.get(SearchExport.path(ExportFormat.RIS), searchExport::ris);                   // /search.ris
                routes.get(FacetValuesPage.PATH + "{facet}", facetValues::html);                      // /search/facets/{facet}
                routes.get(ResultTrail.HIT_PATH, searchPage::hit);                                    // /search/hit
                routes.get(SearchSuggestions.PATH, suggestions::json);                                // /search/suggest.json
                routes.get(Sitemaps.PATH, sitemaps::root);                                            // /sitemap.xml
                routes.get("/sitemaps/{file}", sitemaps::child);
                operations.install(routes);
            });
            return new DossierApp(settings, clock, database, store, authorityLists, opening, search, operations,
                    pendingMerges, server);
        } catch (RuntimeException e) {
            operations.close();
            database.close();
            throw e;
        }
    }

    /**
     * Conditional GETs: public pages carry a validator made of the change feed's position in the
     * database and in this node's index (see web/ConditionalGet), and answer 304 to a client that has them.
     */
    private static ConditionalGet conditionalGets(Settings settings, SearchEngine search, Clock clock) {
        BuildInfo build = BuildInfo.current();
        return new ConditionalGet(() -> {
            IndexStatus status = search.status();
            return new ConditionalGet.Position(status.open(), status.latestChange(), status.appliedChange());
        }, build.version() + "/" + build.build() + "/" + settings.archive(), clock, settings.publicUrl());
    }

    /** What every request passes before its route: headers, refusals of what no route should see, identity. */
    private static void beforeEveryRequest(RoutesConfig routes, PublicUrl site, HostCheck hosts, SearchLimit searchLimit,
                                           Operations operations, AccessControl access, CrossOrigin crossOrigin) {
        routes.before(SecurityHeaders::apply);
        if (site.https()) {
            routes.before(SecurityHeaders::strictTransport);
        }
        ErrorPages.install(routes);
        routes.before(hosts::check);
        // Scripts on other sites may read the JSON twins, exports and feeds (and their errors):
        // before anything else can turn a request away, so that a 400, 429 or 503 is readable too.
        routes.before(crossOrigin::allow);
        // A first start importing the seeds answers its health checks, and every page with a 503.
        routes.before(operations.firstImport()::gate);
        routes.before(StaticFiles::onlyRead);
        routes.before(StaticFiles::cacheHeaders);
        // OAI-PMH checks its own escapes and answers a badArgument: harvesters read XML, not pages.
        routes.before(OaiPmh.exceptHere(QueryEscapes::check));
        routes.before(TrailingSlash::redirect);
        routes.before(FootnoteAddresses::redirect);
        routes.before(LeadingZeros::redirect);
        // A node's warm-up is not a client: it asks a thousand searches before any reader's.
        routes.before(ctx -> {
            if (!operations.warmUp().asks(ctx)) {
                searchLimit.check(ctx);
            }
        });
        routes.before(access::identify);
        routes.before(access::keepPrivatePagesOutOfCaches);
        // A compressed body before anything reads one (a form the session ended under is carried
        // through the sign-in, the CSRF token is read from it), once the address is known to take
        // the method: at an address that does not, the 404 or 405 says more.
        routes.beforeMatched(BodyEncoding::refuseCompressed);
        // Once the route is known, by its roles (Role: every /admin route but the sign-in form's), then
        // the CSRF token of anything that changes state.
        routes.beforeMatched(access::requireRoles);
        routes.beforeMatched(access::checkCsrf);
        routes.beforeMatched(OaiPmh.exceptHere(QueryEscapes::checkForm));
    }

    /**
     * Starts a built app: listens on the settings' host and port, imports the seed pages when the
     * database is empty (the port open meanwhile: {@link org.dossier.ops.FirstImport}), then starts
     * opening the search index, and returns once the index is open. A failed import is thrown, as before.
     */
    public DossierApp start() throws IOException, ImportRejectedException {
        return start(StartPhase.Watch.NONE);
    }

    private DossierApp start(StartPhase.Watch watch) throws IOException, ImportRejectedException {
        prepare(watch, true);
        try {
            opening.awaitOpen();
        } catch (RuntimeException e) {
            // Its reads wait for no writer (Transactions.reading); should anything it does meet another
            // process's write lock all the same, the start says so in one line, as its migration does.
            throw StartupProblem.orAnotherWriter(settings.database(), e, settings.writeWait().duration());
        }
        watch.phase(StartPhase.READY);
        startPendingMerges();
        warmUpInBackground();
        return this;
    }

    /** Opens the port (and the metrics port, when one is set), or says in one line why it cannot. */
    private void listen() throws IOException {
        try {
            server.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            throw Listening.refused(settings, e);
        }
        try {
            operations.started();
        } catch (IOException e) {
            close();
            throw Listening.metricsRefused(operations.settings(), e);
        }
    }

    /**
     * When asked to ({@code serve --warm-up}), the node's own requests before it says it is ready,
     * through a connector of their own ({@link WarmUp}); returns at once.
     */
    private void warmUpInBackground() throws IOException {
        WarmUp warmUp = operations.warmUp();
        if (warmUp.requests() == 0) {
            return;
        }
        Server jetty = server.jettyServer().server();
        LocalConnector local = new LocalConnector(jetty);
        jetty.addConnector(local);
        try {
            local.start();
        } catch (Exception e) {
            throw new IOException("the warm-up's connector did not start", e);
        }
        // A host the site answers to: the first allowed, or any name when every valid one is.
        List<String> allowed = settings.protection().allowedHosts();
        InProcess door = new InProcess(local, allowed.isEmpty() ? "localhost" : allowed.get(0));
        warmUp.begin(search, local, path -> {
            InProcess.Answer answer = door.get(path);
            // A record's permanent address leads to its page: the page is what readers read.
            return answer.redirect() == null ? answer.status() : door.get(answer.redirect()).status();
        });
    }

    /**
     * Starts a built app as {@link #start()} does, but listening on no port: requests are handed to
     * it in this process ({@link InProcess#get}), as tests of its routes need nothing more.
     */
    public InProcess startInProcess() throws IOException, ImportRejectedException {
        prepare(StartPhase.Watch.NONE, false);
        // With a connector of its own already there, Javalin adds no network one.
        LocalConnector local = new LocalConnector(server.jettyServer().server());
        server.jettyServer().server().addConnector(local);
        server.start();
        opening.awaitOpen();
        startPendingMerges();
        return new InProcess(local, "localhost");
    }

    /**
     * What a stopped node left half done, then what editors begin; only once the index is open, so
     * that a start's batches do not compete with the index's opening (a rebuild's reads) for the database.
     */
    private void startPendingMerges() {
        pendingMerges.start();
    }

    /**
     * Every route as declared, with its method, path and roles, as Javalin holds them: for tests of
     * what the routes declare (a route under /admin with no role would be open to anyone).
     */
    List<io.javalin.router.Endpoint> routes() {
        return server.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod()).toList();
    }

    /**
     * What comes before serving, for both starts: the index's folder checked, the seeds imported when
     * the database is empty, then the index opening in the background. One method, so that a step
     * added to one start is not forgotten in the other. With {@code listening}, the port opens before
     * the first long step, the seeds' import or else the index's opening: /health answers and /ready
     * says 503 meanwhile. Opened before the index, a port in use was said only once the index's
     * opening, which a stop waits for, was over: after a whole rebuild. In-process, there is no port.
     */
    private void prepare(StartPhase.Watch watch, boolean listening) throws IOException, ImportRejectedException {
        new SearchAtStart(settings).refuseUnwritableFolder();
        SeedsAtStart seeds = new SeedsAtStart(settings);
        boolean seeding = seeds.toImport(database.dsl());
        watch.phase(seeding ? StartPhase.SEEDS : StartPhase.INDEX);
        if (listening) {
            if (seeding) {
                // Before the port opens, so that no request meets an empty catalogue.
                operations.firstImport().begin();
            }
            listen();
            watch.listening(this);
            if (seeding) {
                LOG.info("Listening on port {} while the seed pages are imported: /health answers, /ready and every "
                        + "page say 503 until they are in", port());
            }
        }
        if (seeding) {
            seeds.importInto(store, clock, operations);
            watch.phase(StartPhase.INDEX);
        }
        openIndex();
    }

    /** The index opening in the background, once what the seeds brought is in the database. */
    private void openIndex() {
        authorityLists.reload(); // the import's people and places
        opening.begin();
    }

    /** The database, or one line that says why it cannot be opened (a folder this user cannot write, say). */
    private static Database openDatabase(Settings settings) {
        try {
            return Database.open(settings.database(), settings.writeWait());
        } catch (Database.Unavailable e) {
            throw new StartupProblem(e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** The port of the metrics endpoint, or -1 when it is off. */
    public int metricsPort() {
        return operations.metricsPort();
    }

    /**
     * A stop before the start is over, while the port is open ({@link StartPhase.Watch#listening}):
     * the server stops taking requests and lets those in flight finish (within the shutdown grace:
     * /health, /ready, the 503 pages of a first start's import), closing nothing the start may be
     * using. A SIGTERM then ended the process at once, and cut off the answers being written.
     */
    void stopTakingRequests() {
        server.stop();
    }

    /**
     * Stops: /ready says 503, the server stops taking requests and lets those in flight finish
     * (within the shutdown grace), then the index is committed and closed, then the database.
     */
    @Override
    public void close() {
        operations.stopping();
        server.stop();
        pendingMerges.stop();
        LOG.info("The server has stopped taking requests; closing the search index");
        search.close();
        operations.close();
        database.close();
        LOG.info("Stopped");
    }
}
