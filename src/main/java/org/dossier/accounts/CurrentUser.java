package org.dossier.accounts;

/** Who is signed in for this request. Templates see it as {@code currentUser}. */
public record CurrentUser(int accountId, String username, Role role) {

    public boolean admin() {
        return role.managesAccounts();
    }
}
