package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a page could not take of its address, by the control it is said at ({@code order},
 * {@code page}): the page answers all the same, with that control's default, as the search page
 * does. It answers 400, says each problem just before its control ({@code fragments/form ::
 * atControl}, id {@code <control>-problem}) and lists them in its error summary, each line leading
 * there. One per request: it is filled as the address is read.
 */
public final class ControlProblems {

    private final Map<String, String> byControl = new LinkedHashMap<>();

    /** {@code read}'s value, or {@code fallback} with why it was refused noted at {@code control}. */
    public <T> T orDefault(String control, T fallback, Supplier<T> read) {
        try {
            return read.get();
        } catch (BadRequest e) {
            note(control, e.getMessage() + ".");
            return fallback;
        }
    }

    /** Notes {@code sentence} (a whole one, its full stop included) as refused at {@code control}. */
    public void note(String control, String sentence) {
        // Two refusals at one control (a page and a page size) are said there one after the other.
        byControl.merge(control, sentence, (a, b) -> a + " " + b);
    }

    public boolean isEmpty() {
        return byControl.isEmpty();
    }

    /** Whether something was refused at {@code control}. */
    public boolean at(String control) {
        return byControl.containsKey(control);
    }

    /**
     * Puts the problems in the page's model ({@code problems}, the summary's lines in the order of
     * the page's {@code controls}; {@code problemAt}, what is said at each) and, when there are
     * any, answers 400.
     */
    public void answer(Context ctx, Map<String, Object> model, List<String> controls) {
        if (!isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        model.put("problems", FormProblem.inOrder(byControl, controls).stream()
                .map(p -> new FormProblem(p.target() + "-problem", p.message())).toList());
        model.put("problemAt", Collections.unmodifiableMap(byControl));
    }
}
