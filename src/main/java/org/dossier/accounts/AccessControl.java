package org.dossier.accounts;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dossier.web.PrivateAddresses;
import org.dossier.web.PublicUrl;
import org.dossier.web.Templates;

/**
 * Who may do what, as before-handlers: every request learns who is signed in, no route with a role
 * ({@link Role}: every {@code /admin} route but the sign-in page's, {@link Private#NO_SIGN_IN}) is reached without a session (pages
 * redirect to the sign-in with a return address, anything else is a 401), account management needs an admin,
 * and every state-changing request must carry the CSRF token of its session, or, before
 * sign-in, the one in its {@code dossier_csrf} cookie (403 otherwise, before any handler runs).
 */
public final class AccessControl {

    /** The cookies' names over plain http; over https each has {@link #HOST_PREFIX} in front. */
    public static final String SESSION_COOKIE = "dossier_session";
    public static final String CSRF_COOKIE = "dossier_csrf";
    /**
     * What a cookie's name starts with when the site is served over https: a browser keeps such a
     * cookie only when it is Secure, for the path {@code /} and with no {@code Domain}, so that
     * another host of the domain (or a script on plain http) cannot plant one. Without it, a cookie
     * another host set for the parent domain, or for a longer path, was sent first, and an editor
     * could be signed in to the account of whoever planted it.
     */
    public static final String HOST_PREFIX = "__Host-";
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String LOGIN_PATH = "/admin/login";
    public static final String LOGOUT_PATH = "/admin/logout";

    private static final String SESSION = "dossier.session";
    /** {@link Tokens#random} makes 43 characters; a shorter cookie was not made here. */
    private static final int MIN_TOKEN = 40;
    private static final int SESSION_COOKIES_TRIED = 3;
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    /** OAI-PMH lets harvesters POST a request that is too long for a URL; it only reads. */
    private static final Set<String> READ_ONLY_POSTS = Set.of("/oai");

    private final Sessions sessions;
    private final PublicUrl publicUrl;
    private final PrivateAddresses privateAddresses;

    public AccessControl(Sessions sessions, PublicUrl publicUrl, PrivateAddresses privateAddresses) {
        this.sessions = sessions;
        this.publicUrl = publicUrl;
        this.privateAddresses = privateAddresses;
    }

    /** Before every request: finds the session and shows templates {@code currentUser} and {@code csrfToken}. */
    public void identify(Context ctx) {
        if (ctx.path().startsWith("/static/")) {
            return;
        }
        Stream<String> sent = sessionTokens(ctx, sessionCookie(ctx));
        sent.map(sessions::find).flatMap(Optional::stream).findFirst().ifPresent(session -> {
            ctx.attribute(SESSION, session);
            keepUncompressed(ctx);
            Templates.share(ctx, "currentUser", session.user());
            Templates.share(ctx, "csrfToken", session.csrfToken());
        });
    }

    /**
     * The session cookie's values the browser sent, at most {@value #SESSION_COOKIES_TRIED}, each a
     * look-up. A browser sends two when another holds the name for a longer path or a parent domain
     * (a stale one, or one another host of the domain set): only the first was read, so an editor
     * with a dead one first was sent to sign in at every page, and signing in again changed nothing.
     */
    private static Stream<String> sessionTokens(Context ctx, String name) {
        jakarta.servlet.http.Cookie[] sent = ctx.req().getCookies();
        return sent == null ? Stream.empty() : Arrays.stream(sent)
                .filter(c -> c.getName().equals(name)).map(jakarta.servlet.http.Cookie::getValue)
                .limit(SESSION_COOKIES_TRIED);
    }

    /** The session cookie's name here: with {@link #HOST_PREFIX} on https. */
    private String sessionCookie(Context ctx) {
        return secure(ctx) ? HOST_PREFIX + SESSION_COOKIE : SESSION_COOKIE;
    }

    private String csrfCookie(Context ctx) {
        return secure(ctx) ? HOST_PREFIX + CSRF_COOKIE : CSRF_COOKIE;
    }

    /**
     * Whether the browser sent a session cookie, live or not. On https that of the name without the
     * prefix too, which a node of an earlier release set: never trusted for who is signed in (anyone
     * of the domain can plant one), but an editor's form sent across a rolling upgrade is carried
     * through the sign-in rather than lost.
     */
    private boolean hadSession(Context ctx) {
        return ctx.cookie(sessionCookie(ctx)) != null || ctx.cookie(SESSION_COOKIE) != null;
    }

    /** Ends the sessions the browser sent, of the prefixed name and, on https, the earlier one; clears both cookies. */
    private void endSentSessions(Context ctx) {
        boolean secure = secure(ctx);
        sessionTokens(ctx, sessionCookie(ctx)).forEach(sessions::end);
        if (secure && ctx.cookie(SESSION_COOKIE) != null) {
            sessionTokens(ctx, SESSION_COOKIE).forEach(sessions::end);
            ctx.cookie(cookie(SESSION_COOKIE, "", 0, true));
        }
    }

    /**
     * Before every request, after {@link #identify}: no private address (what the routes declare with
     * a role or {@link Private#NO_SIGN_IN}: the editors' side, the sign-in form included, its 404s
     * too), and no page a signed-in editor sees (each carries the session's CSRF token in its sign-out
     * form), is kept by any cache.
     */
    public void keepPrivatePagesOutOfCaches(Context ctx) {
        if (privateAddresses.isPrivate(ctx.path()) || session(ctx).isPresent()) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /**
     * Before every route that has a {@link Role} (every {@code /admin} route but the sign-in form's,
     * which are {@link Private#NO_SIGN_IN}): without a session, a page redirects to the sign-in with a
     * return address and anything else is a 401; a route for {@link Role#ADMIN} alone is a 403 for an editor.
     */
    public void requireRoles(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.stream().noneMatch(Role.class::isInstance)) {
            return;
        }
        Optional<CurrentUser> user = user(ctx);
        if (user.isEmpty()) {
            if (ctx.path().equals(LOGOUT_PATH)) {
                signedOutAlready(ctx);
                return;
            }
            if (SAFE.contains(ctx.method())) {
                String back = Templates.pageUrl(ctx);
                ctx.redirect(loginAddress(back), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            if (isForm(ctx) && hadSession(ctx) && fromThisSitesOwnPage(ctx) && signInAgain(ctx)) {
                ctx.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse("Sign in first: nothing was changed. Your session may have ended; "
                    + "sign in at " + LOGIN_PATH + " and send the form again.");
        }
        if (!roles.contains(Role.EDITOR) && roles.contains(Role.ADMIN) && !user.get().admin()) {
            throw new ForbiddenResponse("Only an admin manages accounts.");
        }
    }

    /**
     * A sign-out from a tab whose session has already ended (it idled out, or another tab signed
     * out): what it asks is done, so it lands where a sign-out lands, and the dead cookie goes. It
     * was the 401 that asks to sign in and send the form again, and the cookie stayed. It changes
     * nothing, so it asks for no token: the cookie is cleared only when the browser sent it, which
     * it does not for a form from another site (SameSite=Lax), so no other site signs anyone out.
     */
    private void signedOutAlready(Context ctx) {
        if (ctx.cookie(sessionCookie(ctx)) != null) {
            ctx.cookie(cookie(sessionCookie(ctx), "", 0, secure(ctx)));
        }
        ctx.redirect("/", HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    /**
     * A form sent from this site by a browser whose session has ended (it idled out while the editor
     * typed, or another tab signed out): the sign-in form, 401, carrying everything that was sent, so
     * that once signed in the editor sends it again ({@link LoginPage}) rather than types it again.
     * Only a browser that still sends its session's cookie gets it: that cookie is SameSite=Lax, so no
     * other site's form carries it, and no other site can fill in a form an editor then sends.
     * Returns false, having answered nothing, when the form carries nothing but its token.
     */
    private boolean signInAgain(Context ctx) {
        List<Map.Entry<String, String>> carried = carried(ctx);
        if (carried.isEmpty()) {
            return false; // nothing typed: nothing to keep
        }
        String back = Templates.pageUrl(ctx);
        ctx.status(HttpStatus.UNAUTHORIZED).render(LoginPage.TEMPLATE, LoginPage.model("", back,
                csrfTokenBeforeSignIn(ctx), SESSION_ENDED, carried));
        return true;
    }

    /** Everything a form sent but its token (and a password typed, a new account's, which is never written into a page). */
    private static List<Map.Entry<String, String>> carried(Context ctx) {
        List<Map.Entry<String, String>> carried = new ArrayList<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!name.equals(CSRF_FIELD) && !name.equals("password")) {
                values.forEach(value -> carried.add(Map.entry(name, value)));
            }
        });
        return carried;
    }

    /**
     * A form opened in an earlier session of this browser (another tab signed out and in again since)
     * carries that session's token: refused (403), nothing changed, but what was typed is kept on a
     * page that sends it again with this session's token, as {@link #signInAgain} keeps a form whose
     * session ended. The live session's cookie is SameSite=Lax, so only this site's own pages send it
     * with a form; another site's form arrives without it and gets the plain refusal.
     * Returns false, having answered nothing, when the form carries nothing but its token.
     */
    private boolean sendAgain(Context ctx) {
        List<Map.Entry<String, String>> carried = carried(ctx);
        if (carried.isEmpty()) {
            return false;
        }
        String back = Templates.pageUrl(ctx);
        ctx.status(HttpStatus.FORBIDDEN).render("accounts/send-again", Map.of("action", back, "carried", carried,
                "why", OLD_SESSION));
        return true;
    }

    /**
     * Whether the browser says the form came from a page of this site itself. SameSite=Lax keeps the
     * session cookie off other sites' forms, but not off another host of the same site
     * ({@code evil.example.org} beside {@code dossier.example.org}), whose form would otherwise come
     * back as this site's own "send it again" page (or the sign-in form carrying it there), its one
     * button a click from saving what that host chose: such a form says
     * {@code Sec-Fetch-Site: same-site} and an {@code Origin} of its own, and gets the plain refusal.
     * The browser's own {@code Sec-Fetch-Site} decides where it is sent (every current browser sends
     * it); without it, an {@code Origin} must name the host asked (a proxy that rewrites the Host
     * then costs an older browser only the kept form). A client that sends neither holds no
     * browser's cookie.
     */
    private static boolean fromThisSitesOwnPage(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            String host = ctx.header("Host");
            return host != null && host.equalsIgnoreCase(java.net.URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false; // not an address at all
        }
    }

    /** What the page that keeps a form opened in an earlier session says. */
    static final String OLD_SESSION = "This form was opened before you last signed in (in this tab or another), so "
            + "it carried an old security token: nothing was changed. Everything you sent is kept here: send it now.";

    /** What the sign-in form says above a form it carries. */
    static final String SESSION_ENDED = "Sign in first: your session ended, so nothing was saved yet. Everything "
            + "you sent is kept: sign in again, then send it from the next page.";

    /** Before every request: a state-changing one must carry the right CSRF token. */
    public void checkCsrf(Context ctx) {
        if (SAFE.contains(ctx.method()) || READ_ONLY_POSTS.contains(ctx.path())) {
            return;
        }
        String expected = session(ctx).map(Sessions.Session::csrfToken).orElseGet(() -> tokenCookie(ctx));
        String given = ctx.header(CSRF_HEADER);
        if (given == null && isForm(ctx)) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (!Tokens.same(expected, given)) {
            if (session(ctx).isPresent() && isForm(ctx) && fromThisSitesOwnPage(ctx) && !ctx.path().equals(LOGOUT_PATH)
                    && !ctx.path().equals(LOGIN_PATH) && sendAgain(ctx)) {
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ForbiddenResponse("This form did not carry this site's security token, or carried an old one: "
                    + "nothing was changed. Reload the page and send it again.");
        }
    }

    /**
     * The token of the cookie set for forms before sign-in, if it is one this site could have issued:
     * an empty cookie with an empty field (or "a" with "a") was a pair that matched.
     */
    private String tokenCookie(Context ctx) {
        String token = ctx.cookie(csrfCookie(ctx));
        return token == null || token.length() < MIN_TOKEN ? null : token;
    }

    /**
     * A response that carries a secret (an editor's page carries the session's CSRF token, the
     * sign-in form the token of its cookie) is sent uncompressed. Compressed, its length would
     * tell an eavesdropper how much of something the attacker made the browser ask for (a search,
     * the address to return to, the name typed) repeats the secret, a character at a time (BREACH):
     * the session cookie is {@code SameSite=Lax}, so a page another site opens in a window carries it.
     * Editors are few and the pages they read are small; readers, who carry no secret, keep gzip.
     */
    private static void keepUncompressed(Context ctx) {
        ctx.disableCompression();
    }

    /** The token for forms sent before sign-in (the sign-in form): the session's if there is one. */
    public String csrfTokenBeforeSignIn(Context ctx) {
        keepUncompressed(ctx);
        Optional<Sessions.Session> session = session(ctx);
        if (session.isPresent()) {
            return session.get().csrfToken();
        }
        String token = tokenCookie(ctx);
        if (token == null) {
            token = Tokens.random();
            ctx.cookie(cookie(csrfCookie(ctx), token, -1, secure(ctx)));
        }
        return token;
    }

    /**
     * Starts a new session for the account (a fresh token: one from before sign-in is never kept);
     * the rest of this request is signed in with it (a page it renders carries its token).
     */
    public void signIn(Context ctx, Account account) {
        endSentSessions(ctx);
        Sessions.Started started = sessions.start(account);
        ctx.cookie(cookie(sessionCookie(ctx), started.token(), -1, secure(ctx)));
        ctx.cookie(cookie(csrfCookie(ctx), "", 0, secure(ctx)));
        Sessions.Session session = new Sessions.Session(new CurrentUser(account.id(), account.username(), account.role()),
                started.csrfToken());
        ctx.attribute(SESSION, session);
        Templates.share(ctx, "currentUser", session.user());
        Templates.share(ctx, "csrfToken", session.csrfToken());
    }

    public void signOut(Context ctx) {
        endSentSessions(ctx);
        ctx.cookie(cookie(sessionCookie(ctx), "", 0, secure(ctx)));
    }

    public static Optional<CurrentUser> user(Context ctx) {
        return session(ctx).map(Sessions.Session::user);
    }

    /** The signed-in user; only for handlers of routes with a role, which {@link #requireRoles} keeps signed in. */
    public static CurrentUser requireUser(Context ctx) {
        return user(ctx).orElseThrow(() -> new UnauthorizedResponse("Sign in first."));
    }

    public static String loginAddress(String back) {
        return LOGIN_PATH + "?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    /**
     * A cookie scripts cannot read, sent only to this site (SameSite=Lax: a link from elsewhere may
     * show who is signed in, but no form from elsewhere carries it) and, on https, only over https.
     * For the path {@code /} and with no {@code Domain}, as {@link #HOST_PREFIX} asks.
     *
     * @param maxAge seconds; -1 for as long as the browser runs, 0 to delete it
     */
    static Cookie cookie(String name, String value, int maxAge, boolean secure) {
        return new Cookie(name, value, "/", maxAge, secure, true, null, SameSite.LAX);
    }

    private boolean secure(Context ctx) {
        return publicUrl.of(ctx).startsWith("https:");
    }

    private static Optional<Sessions.Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}
