package org.dossier.authorities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What a merge moved, kept in the version it wrote on both sides, so that a restore can undo it:
 * the authority merged away and the survivor, each record that was linked to the one merged away
 * (with its role there, and the survivor's role in it before, if it had one), and the forms of the
 * name the survivor took over.
 */
public record AuthorityMerge(String merged, String survivor, List<MovedLink> links, List<String> addedForms,
                             Integer records) {

    /**
     * A record's link that moved: {@code role} and {@code survivorRole} are person roles, null for
     * places or none; {@code position} and {@code survivorPosition} where each stood among the
     * record's people before the merge (1 for the first), null for places, for a survivor the
     * record did not name, and in links written before positions were kept.
     */
    public record MovedLink(int document, String role, String survivorRole, Integer position,
                            Integer survivorPosition) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public MovedLink {
        }

        /** A link as merges made before positions were kept wrote it down. */
        public MovedLink(int document, String role, String survivorRole) {
            this(document, role, survivorRole, null, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param records how many records were linked to the one merged away, which the merge moved: the
     *     histories say so; null in merges written before it was kept (those that kept their whole
     *     list of {@code links} count it)
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public AuthorityMerge {
        links = List.copyOf(links);
        addedForms = List.copyOf(addedForms);
        if (records == null && !links.isEmpty()) {
            records = links.size();
        }
    }

    /** A merge as those written before its count of records was kept. */
    public AuthorityMerge(String merged, String survivor, List<MovedLink> links, List<String> addedForms) {
        this(merged, survivor, links, addedForms, null);
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AuthorityMerge fromJson(String json) {
        try {
            return JSON.readValue(json, AuthorityMerge.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merge cannot be read: " + json, e);
        }
    }
}
