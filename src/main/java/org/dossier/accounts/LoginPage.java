package org.dossier.accounts;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.documents.ControlCharacters;
import org.dossier.web.ClientAddress;
import org.dossier.web.ErrorPages;
import org.dossier.web.Redirects;
import org.dossier.web.WriteUnavailable;

/** {@code /admin/login} and {@code /admin/logout}. */
public final class LoginPage {

    static final String HOME = "/admin";
    static final String TEMPLATE = "accounts/login";
    /** The fields of a form sent after its session ended, carried through the sign-in as pairs of these. */
    private static final String CARRIED_NAME = "carried-name";
    private static final String CARRIED_VALUE = "carried-value";

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final AccessControl access;
    private final ClientAddress clients;

    public LoginPage(Accounts accounts, LoginThrottle throttle, AccessControl access, ClientAddress clients) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.access = access;
        this.clients = clients;
    }

    /** {@code GET /admin/login?return=/admin/documents/7/edit}. */
    public void form(Context ctx) {
        String back = safeReturn(ctx.queryParam("return"));
        if (AccessControl.user(ctx).isPresent()) {
            ctx.redirect(back, HttpStatus.SEE_OTHER);
            return;
        }
        show(ctx, HttpStatus.OK, "", back, null);
    }

    /** {@code POST /admin/login}: username, password, return. */
    public void signIn(Context ctx) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String back = safeReturn(ctx.formParam("return"));
        Attempt attempt = attempt(ctx, username, password);
        if (attempt instanceof Attempt.Refused refused) {
            refused.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
            show(ctx, refused.status(), username, back, refused.message());
            return;
        }
        access.signIn(ctx, ((Attempt.Admitted) attempt).account());
        List<Map.Entry<String, String>> carried = carried(ctx);
        if (!carried.isEmpty()) {
            // A form sent when its session had ended: the editor sends it again, now with this session's token.
            ctx.render("accounts/send-again", Map.of("action", back, "carried", carried));
            return;
        }
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    /** What a sign-in came to: the account, or why not, with how long to wait when waiting helps. */
    private sealed interface Attempt {

        record Admitted(Account account) implements Attempt {
        }

        record Refused(HttpStatus status, String message, Optional<Long> retryAfterSeconds) implements Attempt {
        }
    }

    /**
     * Asks the throttle, then checks the password: refused with 503 when the database cannot count
     * the attempt, 429 while the account or the address must wait, 401 for a wrong password.
     */
    private Attempt attempt(Context ctx, String username, String password) {
        String client = clients.of(ctx);
        // Counted as a failure before the password is checked, in the same step that finds it allowed.
        LoginThrottle.Admission admission;
        try {
            admission = throttle.admit(username, client);
        } catch (RuntimeException e) {
            WriteUnavailable unavailable = WriteUnavailable.of(e).orElseThrow(() -> e);
            ErrorPages.logUnavailable(ctx, unavailable);
            return new Attempt.Refused(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage(),
                    Optional.of((long) unavailable.retryAfterSeconds()));
        }
        if (admission.refused()) {
            LoginThrottle.Wait wait = admission.refusal().get();
            return new Attempt.Refused(HttpStatus.TOO_MANY_REQUESTS, wait.message(), Optional.of(wait.seconds()));
        }
        pause(admission.delay());
        Optional<Account> account = accounts.authenticate(username, password);
        if (account.isEmpty()) {
            return new Attempt.Refused(HttpStatus.UNAUTHORIZED,
                    "Wrong username or password (or the account is disabled). Nothing is signed in.", Optional.empty());
        }
        throttle.succeeded(username, client);
        return new Attempt.Admitted(account.get());
    }

    /** The fields of a form the sign-in carries ({@link AccessControl}), as they were sent; none when the pairs do not match. */
    private static List<Map.Entry<String, String>> carried(Context ctx) {
        List<String> names = ctx.formParams(CARRIED_NAME);
        List<String> values = ctx.formParams(CARRIED_VALUE);
        if (names.size() != values.size()) {
            return List.of();
        }
        List<Map.Entry<String, String>> carried = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            carried.add(Map.entry(names.get(i), values.get(i)));
        }
        return carried;
    }

    private static void pause(java.time.Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code POST /admin/logout}. */
    public void signOut(Context ctx) {
        access.signOut(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /**
     * The sign-in form again (a wrong password, a pause, a busy database), still carrying the form it
     * carried; a 401 is the password refused, the field to type again.
     */
    private void show(Context ctx, HttpStatus status, String username, String back, String error) {
        Map<String, Object> model = model(username, back, access.csrfTokenBeforeSignIn(ctx), error,
                ctx.method() == HandlerType.POST ? carried(ctx) : List.of());
        model.put("refused", status == HttpStatus.UNAUTHORIZED);
        ctx.status(status).render(TEMPLATE, model);
    }

    /** The sign-in form's model; {@code carried}: the fields of a form to send again once signed in. */
    static Map<String, Object> model(String username, String back, String loginCsrf, String error,
                                     List<Map.Entry<String, String>> carried) {
        Map<String, Object> model = new HashMap<>();
        // Kept as typed but for what shows nothing and still acts: no username has a control character.
        model.put("username", ControlCharacters.shownAsTyped(username));
        model.put("returnTo", back);
        model.put("loginCsrf", loginCsrf);
        model.put("error", error);
        model.put("carried", carried);
        model.put("refused", false);
        return model;
    }

    /**
     * Where to go after signing in: a path on this site, never another site ("//evil.example"), with
     * anything but printable ASCII percent-encoded as UTF-8. A {@code Location} header is written in
     * ISO-8859-1: a return address typed with "Москва" in it went to {@code /search?q=      }.
     */
    static String safeReturn(String requested) {
        if (requested == null || !requested.startsWith("/") || requested.startsWith("//")
                || requested.contains("\\") || requested.chars().anyMatch(c -> c < 0x20)) {
            return HOME;
        }
        return Redirects.ascii(requested);
    }
}
