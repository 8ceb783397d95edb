package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.dossier.authorities.StaleAuthorityException;
import org.dossier.documents.StaleVersionException;
import org.dossier.web.ErrorPages;
import org.dossier.web.WriteUnavailable;

/**
 * What one write asked by an editor's form came to, and how every page answers it. Each form's
 * handler read the request, wrote, then caught the same four things by hand: a stale version (the
 * same form sent again goes on as done, any other is 409), a database that cannot take the write
 * (503 with Retry-After, the form again with what was typed), nothing to change (422), and done
 * (303). Now {@link #of} writes and says which, and {@link #answer} gives each its status; the page
 * supplies only its redirect and its form again, with its template and model ({@link Page}).
 *
 * <p>A value, not a responder with a method per case: a handler narrows it before answering
 * ({@link #unchangedIf}, {@link #orDoneBefore}), so what is particular to a page (what "nothing
 * changed" or "sent again" means for it) is said beside the write, in a line each, and the handler
 * reads as: read the form, write, answer.
 *
 * @param <T> what the write returns when it is done: a version, a record's id, whether it changed
 */
sealed interface WriteOutcome<T> {

    /** Written, or found written by this same form's first sending: the page goes on (303). */
    record Done<T>(T written) implements WriteOutcome<T> {
    }

    /** Nothing to write: the form says what is saved already (422), in the page's own words. */
    record Unchanged<T>(String message) implements WriteOutcome<T> {
        public Unchanged {
            Objects.requireNonNull(message);
        }
    }

    /** Someone else wrote first: refused (409), the version it is at now said. */
    record Stale<T>(int currentVersion) implements WriteOutcome<T> {
    }

    /** Refused by the writer for a reason the page itself words ({@link Page#refused}). */
    record Refused<T>(RuntimeException why) implements WriteOutcome<T> {
        public Refused {
            Objects.requireNonNull(why);
        }
    }

    /** The database cannot take the write now: 503 with Retry-After, the form again with the message. */
    record Unavailable<T>(WriteUnavailable why) implements WriteOutcome<T> {
        public Unavailable {
            Objects.requireNonNull(why);
        }
    }

    /**
     * What one page shows for each outcome. {@link #answer} sets the status first (and for
     * {@link Unavailable} logs it and adds Retry-After), so that every page answers each alike.
     *
     * @param done    where the editor goes once it is done (a 303 there)
     * @param again   its form again as it was typed, with a message: that nothing changed (422), or
     *                that the database cannot take it now (503)
     * @param stale   its form refused because someone else wrote first (409), given the version now
     * @param refused a refusal {@link #of} was told this page words itself; it sets its own status
     */
    record Page<T>(Function<T, String> done, Consumer<String> again, IntConsumer stale,
                   Consumer<RuntimeException> refused) {
        public Page {
            Objects.requireNonNull(done);
            Objects.requireNonNull(again);
            Objects.requireNonNull(stale);
            Objects.requireNonNull(refused);
        }

        /** A page whose write has no refusal of its own: any such failure is thrown on. */
        public Page(Function<T, String> done, Consumer<String> again, IntConsumer stale) {
            this(done, again, stale, why -> {
                throw why;
            });
        }

        /** The page of a form that makes something new, which has no version to be stale. */
        public static <T> Page<T> ofNew(Function<T, String> done, Consumer<String> again) {
            return new Page<>(done, again, Page::neverStale);
        }

        /** As above, with a refusal of its own. */
        public static <T> Page<T> ofNew(Function<T, String> done, Consumer<String> again,
                                        Consumer<RuntimeException> refused) {
            return new Page<>(done, again, Page::neverStale, refused);
        }

        private static void neverStale(int version) {
            throw new IllegalStateException("a write of something new found a version of it: " + version);
        }
    }

    /**
     * Runs {@code write} and says what it came to: {@link Done}, {@link Stale} for a stale version
     * of a record or of a person or place, {@link Refused} for a failure {@code refusal} accepts,
     * {@link Unavailable} for one the database cannot take now. Any other failure is thrown on.
     */
    static <T> WriteOutcome<T> of(Supplier<T> write, Predicate<RuntimeException> refusal) {
        try {
            return new Done<>(write.get());
        } catch (StaleVersionException e) {
            return new Stale<>(e.currentVersion());
        } catch (StaleAuthorityException e) {
            return new Stale<>(e.currentVersion());
        } catch (RuntimeException e) {
            if (refusal.test(e)) {
                return new Refused<>(e);
            }
            return new Unavailable<>(WriteUnavailable.of(e).orElseThrow(() -> e));
        }
    }

    /** As above, with no refusal of the page's own. */
    static <T> WriteOutcome<T> of(Supplier<T> write) {
        return of(write, failure -> false);
    }

    /** {@link Unchanged}, saying {@code message}, where it is done but {@code changedNothing} says that it wrote nothing. */
    default WriteOutcome<T> unchangedIf(Predicate<T> changedNothing, String message) {
        return this instanceof Done<T> done && changedNothing.test(done.written()) ? new Unchanged<>(message) : this;
    }

    /**
     * A stale refusal of the same form sent again (a double click, a retry after an answer lost),
     * whose browser shows the second answer: {@code firstSending} finds the change made by the first,
     * which it returns as done, and the editor goes on as saved rather than being told that someone
     * changed it meanwhile (that someone being themselves).
     */
    default WriteOutcome<T> orDoneBefore(Supplier<Optional<T>> firstSending) {
        return this instanceof Stale<T> ? firstSending.get().<WriteOutcome<T>>map(Done::new).orElse(this) : this;
    }

    /** Answers the request with {@code page}: the same status for each outcome on every page. */
    default void answer(Context ctx, Page<T> page) {
        if (this instanceof Done<T> done) {
            ctx.redirect(page.done().apply(done.written()), HttpStatus.SEE_OTHER);
        } else if (this instanceof Unchanged<T> unchanged) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page.again().accept(unchanged.message());
        } else if (this instanceof Stale<T> stale) {
            ctx.status(HttpStatus.CONFLICT);
            page.stale().accept(stale.currentVersion());
        } else if (this instanceof Refused<T> refused) {
            page.refused().accept(refused.why());
        } else if (this instanceof Unavailable<T> unavailable) {
            ErrorPages.refusedForNow(ctx, unavailable.why());
            page.again().accept(unavailable.why().getMessage());
        }
    }
}
