package org.dossier.accounts;

import io.javalin.security.RouteRole;

/**
 * A route's mark, in place of a {@link Role}: private, though no one need be signed in to reach it
 * (the sign-in form, and what it posts). Like a route with a role, it and its section are kept by no
 * cache and opened to no other site ({@link org.dossier.web.PrivateAddresses}); unlike one,
 * {@link AccessControl#requireRoles} asks for no session.
 */
public enum Private implements RouteRole {
    NO_SIGN_IN
}
