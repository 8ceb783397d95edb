package org.dossier.accounts;

import java.time.Instant;

/** An editor's account as the user list shows it; the password hash never leaves {@link Accounts}. */
public record Account(int id, String username, Role role, Instant createdAt, Instant disabledAt) {

    public boolean disabled() {
        return disabledAt != null;
    }
}
