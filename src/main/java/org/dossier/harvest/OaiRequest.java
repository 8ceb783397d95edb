package org.dossier.harvest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OAI-PMH request, checked against the protocol's rules before anything is looked up: the
 * verb, which arguments it allows and requires, no argument given twice, and the syntax of each.
 *
 * @param arguments the arguments other than the verb, as given, in the protocol's order
 */
record OaiRequest(Verb verb, Map<String, String> arguments) {

    private static final List<String> ORDER = List.of("identifier", "metadataPrefix", "from", "until", "set",
            "resumptionToken");
    private static final Set<String> LISTS = Set.of("metadataPrefix", "from", "until", "set", "resumptionToken");

    /** The protocol's six verbs, each with the arguments it allows. */
    enum Verb {
        IDENTIFY("Identify", Set.of()),
        LIST_METADATA_FORMATS("ListMetadataFormats", Set.of("identifier")),
        LIST_SETS("ListSets", Set.of("resumptionToken")),
        GET_RECORD("GetRecord", Set.of("identifier", "metadataPrefix")),
        LIST_IDENTIFIERS("ListIdentifiers", LISTS),
        LIST_RECORDS("ListRecords", LISTS);

        private final String name;
        private final Set<String> allowed;

        Verb(String name, Set<String> allowed) {
            this.name = name;
            this.allowed = allowed;
        }

        /** As the protocol spells it, in requests and in the response's echo of one. */
        @Override
        public String toString() {
            return name;
        }

        static Optional<Verb> named(String name) {
            return Arrays.stream(values()).filter(v -> v.name.equals(name)).findFirst();
        }
    }

    /** The protocol's syntax for metadata prefixes and set specs (its schema's patterns). */
    static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+");
    static final Pattern SET_SPEC = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+(:[A-Za-z0-9\\-_.!~*'()]+)*");

    OaiRequest {
        // Not Map.copyOf: its order changes from one JVM to the next, and the echo of the request
        // would then differ between nodes and restarts for the same request.
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    static OaiRequest parse(Map<String, List<String>> parameters) throws OaiError {
        List<String> verbs = parameters.getOrDefault("verb", List.of());
        if (verbs.isEmpty()) {
            throw OaiError.badVerb("The request has no verb.");
        }
        if (verbs.size() > 1) {
            throw OaiError.badVerb("The verb is given more than once.");
        }
        Verb verb = Verb.named(verbs.get(0))
                .orElseThrow(() -> OaiError.badVerb("'" + verbs.get(0) + "' is not an OAI-PMH verb."));
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getKey().equals("verb")) {
                continue;
            }
            if (p.getKey().isEmpty() && p.getValue().stream().allMatch(String::isEmpty)) {
                // An empty part of the query, as a harvester that ends every request with '&' sends
                // ("?verb=Identify&"): no argument at all, as every page of the site reads it.
                continue;
            }
            if (!verb.allowed.contains(p.getKey())) {
                throw OaiError.badArgument("'" + p.getKey() + "' is not an argument of " + verb + ".");
            }
            if (p.getValue().size() != 1) {
                throw OaiError.badArgument("'" + p.getKey() + "' is given more than once.");
            }
            arguments.put(p.getKey(), p.getValue().get(0));
        }
        OaiRequest request = new OaiRequest(verb, ordered(arguments));
        request.checkArguments();
        return request;
    }

    private void checkArguments() throws OaiError {
        if (has("resumptionToken") && arguments.size() > 1) {
            throw OaiError.badArgument("resumptionToken is an exclusive argument: give it alone with the verb.");
        }
        if (verb == Verb.GET_RECORD || (verb == Verb.LIST_IDENTIFIERS || verb == Verb.LIST_RECORDS) && !has("resumptionToken")) {
            require("metadataPrefix");
        }
        if (verb == Verb.GET_RECORD) {
            require("identifier");
        }
        if (has("metadataPrefix") && !PREFIX.matcher(get("metadataPrefix")).matches()) {
            throw OaiError.badArgument("'" + get("metadataPrefix") + "' is not a metadata prefix.");
        }
        if (has("set") && !SET_SPEC.matcher(get("set")).matches()) {
            throw OaiError.badArgument("'" + get("set") + "' is not a set spec.");
        }
        // An identifier that is not even a URI is "unknown or illegal in this repository": the
        // protocol's answer to that is idDoesNotExist, given where the record is looked up.
        OaiDate from = has("from") ? OaiDate.parse("from", get("from")) : null;
        OaiDate until = has("until") ? OaiDate.parse("until", get("until")) : null;
        if (from != null && until != null) {
            if (from.dayOnly() != until.dayOnly()) {
                throw OaiError.badArgument("from and until must have the same granularity.");
            }
            if (from.start().compareTo(until.end()) > 0) {
                throw OaiError.badArgument("from (" + get("from") + ") is later than until (" + get("until") + ").");
            }
        }
    }

    private void require(String name) throws OaiError {
        if (!has(name)) {
            throw OaiError.badArgument(verb + " needs the argument " + name + ".");
        }
    }

    boolean has(String name) {
        return arguments.containsKey(name);
    }

    String get(String name) {
        return arguments.get(name);
    }

    private static Map<String, String> ordered(Map<String, String> arguments) {
        Map<String, String> ordered = new LinkedHashMap<>();
        ORDER.stream().filter(arguments::containsKey).forEach(k -> ordered.put(k, arguments.get(k)));
        return ordered;
    }

    /** Whether an identifier is an absolute URI, the only kind the response may echo (xs:anyURI). */
    static boolean isUri(String identifier) {
        try {
            return new URI(identifier).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
