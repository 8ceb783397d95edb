package org.dossier.accounts;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.dossier.web.FormFields;

/**
 * {@code /admin/users}, for admins: add accounts, change their role or password, disable and
 * enable them. Accounts are not deleted, because the history names them.
 */
public final class UsersPage {

    private final Accounts accounts;

    public UsersPage(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code GET /admin/users}. */
    public void list(Context ctx) {
        // The redirect after a change names the account; any other text in the link is not shown as if saved.
        String saved = ctx.queryParam("saved");
        show(ctx, HttpStatus.OK, saved == null ? null : accounts.find(saved).map(Account::username).orElse(null),
                null, "", Role.EDITOR.key());
    }

    /** {@code POST /admin/users}: username, role, password, again. */
    public void add(Context ctx) {
        String username = FormFields.text(ctx, "username");
        String role = FormFields.text(ctx, "role");
        change(ctx, username, role, () -> {
            Role chosen = role(role);
            String password = newPassword(ctx);
            return accounts.add(username, chosen, password).username();
        });
    }

    /** {@code POST /admin/users/{username}/role}: role. */
    public void setRole(Context ctx) {
        changeNamed(ctx, username -> accounts.setRole(username, role(FormFields.text(ctx, "role"))));
    }

    /** {@code POST /admin/users/{username}/password}: password, again. */
    public void setPassword(Context ctx) {
        changeNamed(ctx, username -> accounts.setPassword(username, newPassword(ctx)));
    }

    /** {@code POST /admin/users/{username}/disable}. */
    public void disable(Context ctx) {
        changeNamed(ctx, accounts::disable);
    }

    /** {@code POST /admin/users/{username}/enable}. */
    public void enable(Context ctx) {
        changeNamed(ctx, accounts::enable);
    }

    /** A change to the account the address names; the add form below the list stays empty. */
    private void changeNamed(Context ctx, Consumer<String> change) {
        String username = ctx.pathParam("username");
        change(ctx, "", Role.EDITOR.key(), () -> {
            change.accept(username);
            return username;
        });
    }

    private interface AccountChange {
        /** Makes the change; returns the username it changed. */
        String run();
    }

    private void change(Context ctx, String typedName, String typedRole, AccountChange change) {
        try {
            String username = change.run();
            ctx.redirect("/admin/users?saved=" + URLEncoder.encode(username, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        } catch (AccountException e) {
            show(ctx, HttpStatus.UNPROCESSABLE_CONTENT, null, e.getMessage(), typedName, typedRole);
        }
    }

    private static Role role(String typed) {
        try {
            return Role.fromKey(typed);
        } catch (IllegalArgumentException e) {
            throw new AccountException("Choose the role: editor or admin.");
        }
    }

    private static String newPassword(Context ctx) {
        String password = FormFields.text(ctx, "password");
        if (!password.equals(FormFields.text(ctx, "again"))) {
            throw new AccountException("The two passwords differ; type the same one twice.");
        }
        return password;
    }

    private void show(Context ctx, HttpStatus status, String saved, String problem, String username, String role) {
        Map<String, Object> model = new HashMap<>();
        model.put("accounts", accounts.list());
        model.put("saved", saved);
        model.put("problem", problem);
        model.put("username", username);
        model.put("role", role);
        model.put("roles", Role.values());
        ctx.status(status).render("accounts/users", model);
    }
}
