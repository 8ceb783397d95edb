package org.dossier.web;

import java.util.Optional;

/** Nothing is at this address; the message says what was looked for, and where to go instead if anywhere. */
public final class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was looked for and is not there. */
    private final String notThere;
    /**
     * Where to go instead, or null for nowhere: kept as itself rather than as an {@link Optional},
     * which an exception (serializable) cannot hold; {@link #instead()} answers with one.
     */
    private final Instead instead;

    /** Nothing here, and nowhere to go instead. */
    public NotFound(String message) {
        super(message);
        this.notThere = message;
        this.instead = null;
    }

    /**
     * Nothing here, but {@code instead} is (never null: nowhere is the other constructor): the error
     * page links it, the JSON and plain text say it in words.
     */
    public NotFound(String notThere, Instead instead) {
        super(notThere + " " + instead.words() + " " + instead.address() + ".");
        this.notThere = notThere;
        this.instead = instead;
    }

    /** The message without where to go instead, for a page that links it. */
    public String notThere() {
        return notThere;
    }

    /** Where to go instead, if anywhere. */
    public Optional<Instead> instead() {
        return Optional.ofNullable(instead);
    }

    /**
     * An address to go to instead, said in words before it ("Its permanent address is") and shown
     * as itself, for a reader to follow or copy into a corrected citation.
     *
     * @param words   what the address is, ending where the address follows
     * @param address the absolute address
     */
    public record Instead(String words, String address) implements java.io.Serializable {
        public Instead {
            if (words == null || words.isBlank() || address == null || address.isBlank()) {
                throw new IllegalArgumentException("an address instead needs its words and the address");
            }
        }
    }
}
