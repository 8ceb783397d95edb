package org.dossier.web;

import com.github.benmanes.caffeine.cache.Cache;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.dossier.search.KeptStores;

/**
 * Validators and 304s for the public pages a reader reads again: a record, its versions and history,
 * the listing, a person's or place's page. A page answered {@code 304 Not Modified} must be exactly
 * the page that would be rendered now, so its validator is made of everything the rendered page
 * depends on, read before the page is rendered:
 *
 * <ul>
 *   <li>the position of the change feed in the database ({@code head}): every write that changes a
 *       record, its revisions, its links, or a person's or place's names adds a change, so any of
 *       them (an edit, a withdrawal, an authority renamed or merged) gives every page a new tag;</li>
 *   <li>the change this node's search index has applied ({@code applied}): related records and a
 *       person's records come from the index, which follows the database a moment later;</li>
 *   <li>the day (citations name the day the reader accessed the record), the site's address
 *       (links are absolute, taken from the Host header without {@code --public-url}), this build
 *       and archive name, the path and query string, and what the page adds (a record's sources,
 *       which an import adds without a change).</li>
 * </ul>
 *
 * <p>Pages for a signed-in editor differ per session (their header, CSRF tokens in forms) and are
 * already {@code no-store} (see editing/AccessControl): they get no validator and never a 304.
 * Every other page says {@code Vary: Cookie}, so that a shared cache never hands a reader's page
 * to an editor, and {@code public, no-cache}: any cache may keep it, and asks again each time,
 * which costs a 304 and two small reads instead of a page (no page here is the same forever: even a
 * version's page says whether the record changed since, and cites today's date).
 *
 * <p>{@code Last-Modified} is the first moment this node gave out the tag, rounded up to the
 * second, and is sent only once that moment has passed and only when the index has caught up with
 * the database (so that nodes, whose indexes lag differently, never contradict each other): then
 * any later change is read after it, and its page's date is a later second. A tag forgotten (the
 * memory is bounded) is given a later date, which costs a 200, never a stale 304.
 */
public final class ConditionalGet {

    /** Where the catalogue is: the newest change in the database, and the newest this node's index applied. */
    public record Position(boolean indexOpen, long head, long applied) {
    }

    /** For a caller with nothing to validate against (tests of a page alone): every answer is a 200. */
    public static final ConditionalGet NEVER = new ConditionalGet(
            () -> new Position(false, 0, 0), "", Clock.systemUTC(), PublicUrl.fromRequests());

    static final String CACHE_CONTROL = "public, no-cache";
    /** IMF-fixdate (RFC 9110): always two digits for the day, unlike RFC_1123_DATE_TIME. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final Supplier<Position> position;
    private final String site;
    private final Clock clock;
    private final PublicUrl publicUrl;
    private final Cache<String, Instant> firstGiven = KeptStores.builder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofDays(2)).build();

    /**
     * @param site what makes pages differ between deployments and builds with the same data (the
     *             build, the archive's name)
     */
    public ConditionalGet(Supplier<Position> position, String site, Clock clock, PublicUrl publicUrl) {
        this.position = position;
        this.site = site;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /**
     * Gives the page its validators and caching headers, and answers {@code 304} when the request's
     * {@code If-None-Match} (or, without it, {@code If-Modified-Since}) says the client has it.
     * Returns true when it answered: the handler then renders nothing.
     *
     * @param page what this page shows beyond the catalogue's position (its own identity and state)
     */
    public boolean answered(Context ctx, Object... page) {
        if (isPrivate(ctx)) {
            return false;
        }
        ctx.header("Vary", "Cookie");
        ctx.header("Cache-Control", CACHE_CONTROL);
        Position now = position.get();
        if (!now.indexOpen()) {
            return false;
        }
        Instant readAt = clock.instant();
        String tag = tag(ctx, now, readAt, page);
        ctx.header("ETag", tag);
        Optional<Instant> lastModified = lastModified(tag, now, readAt);
        lastModified.ifPresent(at -> ctx.header("Last-Modified", httpDate(at)));
        String ifNoneMatch = ctx.header("If-None-Match");
        boolean fresh = ifNoneMatch != null ? matches(ifNoneMatch, tag)
                : lastModified.isPresent() && notModifiedSince(ctx.header("If-Modified-Since"), lastModified.get(), readAt);
        if (fresh) {
            ctx.status(HttpStatus.NOT_MODIFIED);
        }
        return fresh;
    }

    /** A page already marked {@code no-store} (a signed-in editor's, or under /admin) is never validated. */
    private static boolean isPrivate(Context ctx) {
        String cacheControl = ctx.res().getHeader("Cache-Control");
        return cacheControl != null && cacheControl.contains("no-store");
    }

    private String tag(Context ctx, Position now, Instant readAt, Object... page) {
        StringBuilder parts = new StringBuilder()
                .append(site).append('\n')
                .append(publicUrl.of(ctx)).append('\n')
                .append(LocalDate.ofInstant(readAt, ZoneOffset.UTC)).append('\n')
                .append(now.head()).append('\n')
                .append(now.applied()).append('\n')
                .append(ctx.path()).append('?').append(ctx.queryString() == null ? "" : ctx.queryString());
        for (Object part : page) {
            parts.append('\n').append(part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(parts.toString().getBytes(StandardCharsets.UTF_8));
            // Weak: the same page, byte for byte, but a compressing proxy may change its bytes.
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Optional<Instant> lastModified(String tag, Position now, Instant readAt) {
        if (now.applied() < now.head()) {
            return Optional.empty();
        }
        Instant first = firstGiven.get(tag, t -> readAt);
        Instant second = first.truncatedTo(ChronoUnit.SECONDS);
        Instant date = second.equals(first) ? second : second.plusSeconds(1);
        return readAt.isBefore(date) ? Optional.empty() : Optional.of(date);
    }

    /** Whether {@code If-None-Match} names the tag (weak comparison, as RFC 9110 asks for a GET). */
    static boolean matches(String ifNoneMatch, String tag) {
        String bare = opaque(tag);
        for (String given : ifNoneMatch.split(",")) {
            String candidate = given.strip();
            if (candidate.equals("*") || opaque(candidate).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static boolean notModifiedSince(String ifModifiedSince, Instant lastModified, Instant now) {
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            // RFC 9110, 13.1.3: a date later than the server's clock is invalid and ignored; a client
            // (or a cache) whose clock ran ahead would otherwise keep its copy until that date.
            return !since.isAfter(now) && !lastModified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;   // RFC 9110: a date that cannot be read is ignored
        }
    }

    static String httpDate(Instant at) {
        return HTTP_DATE.format(at.atZone(ZoneOffset.UTC));
    }
}
