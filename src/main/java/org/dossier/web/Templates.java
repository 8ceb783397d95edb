package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.documents.DocumentDate;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.util.FastStringWriter;

/**
 * Renders Thymeleaf templates from {@code templates/} on the classpath. Every page also sees what
 * before-handlers shared for the request (the signed-in editor, the CSRF token) and the site's
 * public URL, the addresses of the style sheet, scripts and icon ({@code assets}), and the word an
 * undated record's date is shown as ({@code undated}, {@link DocumentDate#UNDATED}), written once,
 * and the addresses every page's footer links ({@code siteLinks}: the pages that say how the
 * catalogue works), given by the feature that answers them.
 * A page that refuses what was asked has a title that says so first ({@link #REFUSES}).
 */
public final class Templates implements FileRenderer {

    private static final String SHARED = "dossier.templates.shared";

    /**
     * The name of the flag the layout reads to begin a page's title with "Error: " — a search or
     * form refused, a conflict, a save the database could not take, an error page — the GOV.UK
     * pattern: a screen reader says the title first, and a reader told "Search (49 records)" of a
     * search that was not run went on as if it had been. One word for every refusal, a conflict's
     * included, so that it is learnt once; the layout writes it, set here from the status on both
     * ways of rendering.
     */
    private static final String REFUSES = "pageRefuses";

    private final TemplateEngine engine = new TemplateEngine();
    private final PublicUrl publicUrl;
    private final Map<String, String> siteLinks;
    /**
     * The length of each template's longest page so far, by the template's name: where the next one's
     * writer starts (pages are paged, so a template's pages are of a bounded length).
     */
    private final Map<String, Integer> longestPage = new ConcurrentHashMap<>();

    /** @param siteLinks the addresses the layout links on every page, by name ({@code about} ...) */
    public Templates(PublicUrl publicUrl, Map<String, String> siteLinks) {
        this.publicUrl = publicUrl;
        this.siteLinks = Map.copyOf(siteLinks);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new ModelCalls());
        engine.setDialect(dialect);
    }

    /** Makes a value visible to every template rendered for this request. */
    public static void share(Context ctx, String name, Object value) {
        Map<String, Object> shared = ctx.attribute(SHARED);
        if (shared == null) {
            shared = new HashMap<>();
            ctx.attribute(SHARED, shared);
        }
        shared.put(name, value);
    }

    /**
     * Whether something was shared for this request alone (a signed-in editor, a CSRF token): its
     * pages are that person's and are never kept for anyone else.
     */
    public static boolean personal(Context ctx) {
        Map<String, Object> shared = ctx.attribute(SHARED);
        return shared != null && !shared.isEmpty();
    }

    /** The address the page was asked by: path and query string as sent. */
    public static String pageUrl(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    /**
     * A page for a request Javalin never saw (Jetty's own errors: a URI it cannot read, one too
     * long): nobody is signed in, nothing was asked, and the sign-in returns to the catalogue.
     */
    public String renderWithoutRequest(String template, Map<String, ?> model) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("requestPath", "/");
        variables.put("pageUrl", "/");
        everyPage(variables);
        variables.putAll(model);
        return page(template, variables, model.get("status") instanceof Integer status ? status : 200);
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Map<String, Object> variables = new HashMap<>();
        Map<String, Object> shared = ctx.attribute(SHARED);
        if (shared != null) {
            variables.putAll(shared);
        }
        variables.put("requestPath", ctx.path());
        variables.put("pageUrl", pageUrl(ctx));
        variables.put("siteUrl", publicUrl.of(ctx));
        everyPage(variables);
        variables.putAll(model);
        return page(template, variables, ctx.status().getCode());
    }

    /** The page as answered with {@code status}: the one place either way of rendering passes. */
    private String page(String template, Map<String, Object> variables, int status) {
        variables.put(REFUSES, refuses(status));
        // Thymeleaf's own writer starts at 100 characters and doubles: a search page of 80,000 was
        // copied some ten times as it grew (2-3 % of its rendering, a tenth of a record page's). It
        // starts instead at the length of the template's longest page so far.
        Integer longest = longestPage.get(template);
        FastStringWriter page = new FastStringWriter(longest == null ? 1024 : longest);
        engine.process(template, new org.thymeleaf.context.Context(Locale.ENGLISH, variables), page);
        String html = page.toString();
        longestPage.merge(template, html.length(), Math::max);
        return html;
    }

    /**
     * What every page's templates may read, with a request or without: the assets, the one word for
     * no date and the footer's links.
     */
    private void everyPage(Map<String, Object> variables) {
        variables.put("assets", StaticFiles.URLS);
        variables.put("siteLinks", siteLinks);
        variables.put("undated", DocumentDate.UNDATED);
    }

    /**
     * Whether a page answered with {@code status} refuses what was asked: every 4xx and 5xx but
     * 410, which is a withdrawn record's page (and its history's), there to be read.
     */
    private static boolean refuses(int status) {
        return status >= 400 && status != 410;
    }
}
