package org.dossier.web;

/**
 * Nothing is at this address; the message says what was looked for. Where something is to be found
 * instead, it is {@link Elsewhere}, which always says where: the two kinds are two types, so that
 * no handler asks an exception whether it has somewhere to send the reader.
 */
public sealed class NotFound extends RuntimeException permits NotFound.Elsewhere {

    private static final long serialVersionUID = 1L;

    /** Nothing here, and nowhere to go instead. */
    public NotFound(String message) {
        super(message);
    }

    /**
     * Nothing here, but {@code instead} is: the error page links it, the JSON and plain text say it
     * in words after what was looked for.
     */
    public static final class Elsewhere extends NotFound {

        private static final long serialVersionUID = 1L;

        /** What was looked for and is not there. */
        private final String notThere;
        private final Instead instead;

        public Elsewhere(String notThere, Instead instead) {
            super(notThere + " " + instead.words() + " " + instead.address() + ".");
            this.notThere = notThere;
            this.instead = instead;
        }

        /** The message without where to go instead, for a page that links it. */
        public String notThere() {
            return notThere;
        }

        public Instead instead() {
            return instead;
        }
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
