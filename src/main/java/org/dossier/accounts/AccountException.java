package org.dossier.accounts;

/**
 * An account change that was refused; the message says why, fit to show the person who asked, and
 * {@link #field} names the form's field at fault, where the focus goes, when one is.
 */
public final class AccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The fields of the forms that add an account or give it a password, by their names. */
    public static final String USERNAME = "username";
    public static final String ROLE = "role";
    public static final String PASSWORD = "password";

    private final String field;

    /** A refusal of the change as a whole (the last admin disabled, an account that is not there). */
    public AccountException(String message) {
        this(message, null);
    }

    /** @param field the form's field at fault: {@link #USERNAME}, {@link #ROLE} or {@link #PASSWORD} */
    public AccountException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The form's field at fault, or null when none is. */
    public String field() {
        return field;
    }
}
