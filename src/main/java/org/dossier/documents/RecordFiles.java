package org.dossier.documents;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dossier.web.ConditionalGet;
import org.dossier.web.PublicUrl;

/**
 * The files a record is given as beside its page ({@code .bib}, {@code .ris}, {@code .csl.json}:
 * its citation; {@code .json}: its JSON twin), answered in one way at a record's permanent address
 * and at each of its versions' ({@link RecordPage#resolve}, {@link VersionPage#show}): a withdrawn
 * record's citation is a 410 that says why, its JSON its tombstone (410); otherwise the file is
 * validated as its page is, so that a reference manager or a script fetching it again gets a 304
 * while nothing it shows has changed (the day is in the tag: a citation names the day it was
 * accessed). Why one place: the two addresses answered the same suffixes each in its own words.
 */
final class RecordFiles {

    /**
     * One version of a record as its files give it.
     *
     * @param name     what the files' validators are named after ("" for the record as it is now,
     *                 "version" for one of its versions), so that a file's tag is never another's
     * @param state    what the files show beyond the catalogue's position (the record, the version,
     *                 its sources)
     * @param citation its citation, made only when a citation is sent
     * @param json     its JSON twin, made only when it is sent
     */
    record Given(String name, List<Object> state, Supplier<Citation> citation, Supplier<Map<String, Object>> json) {
        Given {
            if (name == null || state == null || citation == null || json == null) {
                throw new IllegalArgumentException("a record's files need a name, their state, a citation and a JSON twin");
            }
            state = List.copyOf(state);
        }

        /** The validator's parts for the file {@code file} ("citation", "json"): "version citation", then the state. */
        Object[] tagged(String file) {
            Object[] parts = new Object[state.size() + 1];
            parts[0] = name.isEmpty() ? file : name + " " + file;
            for (int i = 0; i < state.size(); i++) {
                parts[i + 1] = state.get(i);
            }
            return parts;
        }
    }

    private final ConditionalGet conditional;
    private final PublicUrl publicUrl;

    RecordFiles(ConditionalGet conditional, PublicUrl publicUrl) {
        this.conditional = conditional;
        this.publicUrl = publicUrl;
    }

    /**
     * Answers the file {@code ref} asks for, if it asks for one (a 410, a 304 or the file); false
     * when it asks for a page, which the caller then answers.
     */
    boolean answered(Context ctx, NumberAndSuffix ref, DocumentDetails record, Given given) {
        if (ref.download().isPresent()) {
            if (record.withdrawn()) {
                throw RecordPage.withdrawn(record);
            }
            if (!conditional.answered(ctx, given.tagged("citation"))) {
                CitationDownload.send(ctx, given.citation().get(), ref.download().get());
            }
            return true;
        }
        if (ref.json()) {
            if (record.withdrawn()) {
                ctx.status(HttpStatus.GONE).json(DocumentJson.tombstone(record, publicUrl.of(ctx)));
            } else if (!conditional.answered(ctx, given.tagged("json"))) {
                ctx.json(given.json().get());
            }
            return true;
        }
        return false;
    }
}
