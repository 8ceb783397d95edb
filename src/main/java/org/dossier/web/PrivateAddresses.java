package org.dossier.web;

import io.javalin.event.HandlerMetaInfo;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which addresses are private, as the routes declare it: a route declared with a role (an
 * {@code accounts.Role}, or {@code accounts.Private.NO_SIGN_IN} for the sign-in form, which anyone
 * may reach) is private, and so is every address in its section, the path's first segment
 * ({@code /admin} of {@code /admin/users}), answered or not. What is private no cache keeps
 * ({@code AccessControl.keepPrivatePagesOutOfCaches}) and no other site reads ({@link CrossOrigin}).
 *
 * <p>The whole section, not the route alone, because the request is decided before its route is:
 * Javalin knows a request's route roles only in {@code beforeMatched}, which neither a 404 nor a 405
 * reaches, nor a CORS preflight (an {@code OPTIONS} no route takes), and {@link CrossOrigin} opens an
 * address before anything can turn the request away. So the roles are read here from the routes'
 * declarations as Javalin adds them ({@link #learn}, through its {@code handlerAdded} event), and a
 * section that holds both a private and a public route is refused as it is declared: a route under
 * {@code /admin} that forgot its role stops the app from being built, naming it, rather than opening
 * an editor's page to anyone. It was decided by the path, {@code /admin} written in each place.
 */
public final class PrivateAddresses {

    /** Filled as the routes are declared, before the server starts; read by every request after. */
    private final Set<String> privateSections = ConcurrentHashMap.newKeySet();
    private final Set<String> publicSections = ConcurrentHashMap.newKeySet();

    /**
     * Takes in one route as Javalin adds it: an endpoint's (GET, POST…), not a before- or after-handler's.
     *
     * @throws IllegalStateException when its section already holds a route the other way, or a private
     *                               route's section is a parameter, which names no one section
     */
    public void learn(HandlerMetaInfo route) {
        if (!route.getHttpMethod().isHttpMethod()) {
            return;
        }
        String section = section(route.getPath());
        boolean isPrivate = !route.getRoles().isEmpty();
        if (isPrivate && (section.contains("{") || section.contains("<") || section.contains("*"))) {
            throw new IllegalStateException(route.getHttpMethod() + " " + route.getPath() + " is declared with a role, "
                    + "but its first segment is a parameter: a private route's section must be written out");
        }
        if ((isPrivate ? publicSections : privateSections).contains(section)) {
            throw new IllegalStateException(route.getHttpMethod() + " " + route.getPath() + " is declared "
                    + (isPrivate ? "with a role under " + section + ", where other routes are public"
                            : "without a role under " + section + ", where other routes are private: give it the role "
                                    + "who may reach it, or Private.NO_SIGN_IN if anyone may"));
        }
        (isPrivate ? privateSections : publicSections).add(section);
    }

    /** Whether the address (a request's path) lies in a section of private routes, a route of it answering or not. */
    public boolean isPrivate(String path) {
        for (String section : privateSections) {
            if (path.startsWith(section) && (path.length() == section.length() || path.charAt(section.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** A path's first segment, with its slash: {@code /admin} of {@code /admin/users/{username}}, {@code /} of {@code /}. */
    static String section(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path : path.substring(0, end);
    }
}
