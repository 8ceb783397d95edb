package org.dossier.accounts;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.dossier.web.Choice;
import org.dossier.web.FormFields;

/**
 * {@code /admin/users}, for admins: add accounts, change their role or password, disable and
 * enable them. Accounts are not deleted, because the history names them.
 */
public final class UsersPage {

    /** The parameter the redirect after a change names the account in, and the page reads it from. */
    private static final String SAVED = "saved";

    private final Accounts accounts;

    public UsersPage(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code GET /admin/users}. */
    public void list(Context ctx) {
        // The redirect after a change names the account; any other text in the link is not shown as if saved.
        String saved = ctx.queryParam(SAVED);
        show(ctx, HttpStatus.OK, saved == null ? null : accounts.find(saved).map(Account::username).orElse(null),
                null, null, "", Role.EDITOR.key());
    }

    /** {@code POST /admin/users}: username, role, password, again. */
    public void add(Context ctx) {
        String username = FormFields.text(ctx, "username");
        String role = FormFields.text(ctx, "role");
        change(ctx, ADD_FORM, username, role, () -> {
            Role chosen = role(role);
            String password = newPassword(ctx);
            return accounts.add(username, chosen, password).username();
        });
    }

    /** {@code POST /admin/users/{username}/role}: role. */
    public void setRole(Context ctx) {
        changeNamed(ctx, false, username -> accounts.setRole(username, role(FormFields.text(ctx, "role"))));
    }

    /** {@code POST /admin/users/{username}/password}: password, again. */
    public void setPassword(Context ctx) {
        changeNamed(ctx, true, username -> accounts.setPassword(username, newPassword(ctx)));
    }

    /** {@code POST /admin/users/{username}/disable}. */
    public void disable(Context ctx) {
        changeNamed(ctx, false, accounts::disable);
    }

    /** {@code POST /admin/users/{username}/enable}. */
    public void enable(Context ctx) {
        changeNamed(ctx, false, accounts::enable);
    }

    /**
     * A change to the account the address names; the add form below the list stays empty. A refused
     * password is said in that account's password form, open again; any other refusal (which names
     * the account) above the list.
     */
    private void changeNamed(Context ctx, boolean password, Consumer<String> change) {
        String username = ctx.pathParam("username");
        change(ctx, password ? username + PASSWORD_FORM : ABOVE_THE_LIST, "", Role.EDITOR.key(), () -> {
            change.accept(username);
            return username;
        });
    }

    private interface AccountChange {
        /** Makes the change; returns the username it changed. */
        String run();
    }

    /**
     * {@code refusedIn}: the form whose refusal is said in it ({@link #ADD_FORM}, a username and
     * {@link #PASSWORD_FORM}, or {@link #ABOVE_THE_LIST}), so that the focus (dossier.js) goes to the
     * message beside the fields to change: it stayed at the top of the page, the add form's fields
     * at its foot unmarked, and a refused password did not say whose.
     */
    private void change(Context ctx, String refusedIn, String typedName, String typedRole, AccountChange change) {
        try {
            String username = change.run();
            ctx.redirect("/admin/users?" + SAVED + "=" + URLEncoder.encode(username, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        } catch (AccountException e) {
            ctx.attribute(REFUSED_FIELD, e.field());
            show(ctx, HttpStatus.UNPROCESSABLE_CONTENT, null, e.getMessage(), refusedIn, typedName, typedRole);
        }
    }

    static final String ADD_FORM = "add";
    private static final String REFUSED_FIELD = "dossier.accounts.refusedField";
    static final String PASSWORD_FORM = "/password";
    static final String ABOVE_THE_LIST = "list";

    private static Role role(String typed) {
        try {
            return Role.fromKey(typed);
        } catch (IllegalArgumentException e) {
            throw new AccountException("Choose the role: editor or admin.", AccountException.ROLE);
        }
    }

    private static String newPassword(Context ctx) {
        String password = FormFields.text(ctx, "password");
        if (!password.equals(FormFields.text(ctx, "again"))) {
            throw new AccountException("The two passwords differ; type the same one twice.", AccountException.PASSWORD);
        }
        return password;
    }

    private void show(Context ctx, HttpStatus status, String saved, String problem, String refusedIn,
                      String username, String role) {
        Map<String, Object> model = new HashMap<>();
        model.put("accounts", accounts.list());
        model.put("saved", saved);
        model.put("problem", problem);
        model.put("refusedIn", refusedIn);
        // The field at fault takes the focus and says it is refused; the message above the fields
        // takes it only when no one field is to blame.
        model.put("refusedField", ctx.attribute(REFUSED_FIELD));
        model.put("username", username);
        model.put("role", role);
        // Each role is offered by its key, the word the command line takes too.
        model.put("roles", Arrays.stream(Role.values()).map(r -> new Choice(r.key(), r.key())).toList());
        ctx.status(status).render("accounts/users", model);
    }
}
