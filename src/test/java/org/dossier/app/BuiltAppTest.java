package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dossier.accounts.AccessControl;
import org.dossier.accounts.Private;
import org.dossier.accounts.Role;
import org.dossier.ops.OperationsSettings;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app built by {@link DossierApp#build} and started in-process answers its routes without
 * listening on any port: its settings name a port another socket holds, which {@link DossierApp#start()}
 * could not bind.
 */
class BuiltAppTest {

    private static Path folder;
    private static ServerSocket taken;
    private static DossierApp app;
    private static InProcess served;

    @BeforeAll
    static void buildAndServeInProcess() throws Exception {
        folder = Files.createTempDirectory("dossier-built-");
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Settings settings = Settings.of(TestDatabase.in(folder), "127.0.0.1", taken.getLocalPort())
                .withSeeds(TestCatalogue.SEEDS).withIndex(folder.resolve("dossier.index"));
        app = DossierApp.build(settings, OperationsSettings.DEFAULT);
        served = app.startInProcess();
    }

    @AfterAll
    static void close() throws Exception {
        if (app != null) {
            app.close();
        }
        taken.close();
        TestDatabase.forget(folder);
        TestCatalogue.deleteRecursively(folder);
    }

    @Test
    void everyRouteUnderAdminDeclaresWhoMayReachItAndNoOtherRouteDoes() {
        List<Endpoint> routes = app.routes();
        List<String> admin = new ArrayList<>();
        for (Endpoint route : routes) {
            String name = route.method + " " + route.path;
            Set<RouteRole> roles = route.metadata(Roles.class) == null ? Set.of() : route.metadata(Roles.class).getRoles();
            if (route.path.equals("/admin") || route.path.startsWith("/admin/")) {
                admin.add(name);
                Set<RouteRole> expected = route.path.equals(AccessControl.LOGIN_PATH) ? Set.of(Private.NO_SIGN_IN)
                        : route.path.startsWith("/admin/users") ? Set.of(Role.ADMIN) : Set.of(Role.EDITOR);
                assertEquals(expected, roles, name);
            } else {
                assertEquals(Set.of(), roles, name + " is public");
            }
        }
        assertTrue(admin.size() > 20 && admin.contains("GET /admin") && admin.contains("POST /admin/login"),
                "the editors' routes are listed: " + admin);
    }

    @Test
    void anUnknownPathAnswersTheNotFoundPage() throws Exception {
        InProcess.Answer answer = served.get("/no/such/page");
        assertEquals(404, answer.status(), answer.head());
        assertEquals("Not found", Jsoup.parse(answer.body()).select("h1").text());
    }

    @Test
    void aRecordPageShowsTheImportedRecordWithItsRelatedRecords() throws Exception {
        int id;
        try (Database database = TestDatabase.openIn(folder)) {
            id = RecordsByTitle.idOf(database.dsl(), "Concentering");
        }
        InProcess.Answer moved = served.get("/documents/" + id);
        String location = moved.head().lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).trim()).findFirst().orElseThrow(() -> new AssertionError(moved.head()));
        InProcess.Answer page = served.get(location.replaceFirst("^https?://[^/]+", ""));
        assertEquals(200, page.status(), page.head());
        var html = Jsoup.parse(page.body());
        assertTrue(html.select("h1").text().contains("Concentering the Situation on Taiwan"), html.select("h1").text());
    }
}
