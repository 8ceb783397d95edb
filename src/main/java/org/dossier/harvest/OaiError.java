package org.dossier.harvest;

/**
 * An OAI-PMH error condition: its code from the protocol and a message for the harvester's
 * operator. It is answered with HTTP 200 and an {@code <error>} element, as the protocol asks.
 */
final class OaiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    OaiError(String code, String message) {
        super(message);
        this.code = code;
    }

    static OaiError badVerb(String message) {
        return new OaiError("badVerb", message);
    }

    static OaiError badArgument(String message) {
        return new OaiError("badArgument", message);
    }

    static OaiError badResumptionToken(String message) {
        return new OaiError("badResumptionToken", message);
    }

    static OaiError cannotDisseminateFormat(String prefix) {
        return new OaiError("cannotDisseminateFormat", "This repository disseminates only "
                + OaiPmh.OAI_DC + ", not '" + prefix + "'.");
    }

    static OaiError idDoesNotExist(String identifier) {
        return new OaiError("idDoesNotExist", "No record has the identifier '" + identifier + "'.");
    }

    static OaiError noRecordsMatch() {
        return new OaiError("noRecordsMatch", "No record matches these arguments.");
    }

    String code() {
        return code;
    }

    /**
     * Whether the request itself was malformed. The protocol then forbids echoing its arguments,
     * which may not even be valid attribute values, in the response's {@code <request>} element.
     */
    boolean malformedRequest() {
        return code.equals("badVerb") || code.equals("badArgument");
    }
}
