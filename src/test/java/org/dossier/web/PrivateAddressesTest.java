package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import org.dossier.accounts.Private;
import org.dossier.accounts.Role;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** What the routes declare private, read from a real Javalin's routes as they are added. */
@SameOnEveryDatabase
class PrivateAddressesTest {

    private static PrivateAddresses declared(java.util.function.Consumer<io.javalin.config.RoutesConfig> routes) {
        PrivateAddresses addresses = new PrivateAddresses();
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.events.handlerAdded(addresses::learn);
            routes.accept(config.routes);
        });
        return addresses;
    }

    @Test
    void aRouteWithARoleMakesItsWholeSectionPrivateAnsweredOrNot() {
        PrivateAddresses addresses = declared(routes -> {
            routes.before(ctx -> { });
            routes.get("/", ctx -> { });
            routes.get("/documents/{id}", ctx -> { });
            routes.get("/admin", ctx -> { }, Role.EDITOR);
            routes.get("/admin/login", ctx -> { }, Private.NO_SIGN_IN);
            routes.post("/admin/users/{username}/role", ctx -> { }, Role.ADMIN);
        });
        for (String path : new String[] {"/admin", "/admin/", "/admin/login", "/admin/users/x/role", "/admin/no/such.json"}) {
            assertTrue(addresses.isPrivate(path), path);
        }
        for (String path : new String[] {"/", "/documents/1", "/documents/1.json", "/administration", "/adminx.json",
                "/documents/admin"}) {
            assertFalse(addresses.isPrivate(path), path);
        }
    }

    @Test
    void aRouteDeclaredWithoutARoleWhereOthersArePrivateStopsTheAppBeingBuiltNamingIt() {
        IllegalStateException forgot = assertThrows(IllegalStateException.class, () -> declared(routes -> {
            routes.get("/admin", ctx -> { }, Role.EDITOR);
            routes.get("/admin/reports", ctx -> { });
        }));
        assertTrue(forgot.getMessage().contains("GET /admin/reports is declared without a role under /admin"),
                forgot.getMessage());
        IllegalStateException before = assertThrows(IllegalStateException.class, () -> declared(routes -> {
            routes.post("/admin/reports", ctx -> { });
            routes.get("/admin", ctx -> { }, Role.EDITOR);
        }), "in whichever order they are declared");
        assertTrue(before.getMessage().contains("GET /admin is declared with a role under /admin, where other routes "
                + "are public"), before.getMessage());
    }

    @Test
    void aPrivateRouteWhoseFirstSegmentIsAParameterIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> declared(routes ->
                routes.get("/{area}/edit", ctx -> { }, Role.EDITOR)));
        assertTrue(refused.getMessage().contains("GET /{area}/edit"), refused.getMessage());
    }
}
