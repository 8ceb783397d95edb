package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The templates' chains of the model's methods are called without OGNL, and every expression gives
 * what OGNL gives: the same text, the same failure.
 */
@SameOnEveryDatabase
public class ModelCallsTest {

    /** A model as the pages' are: public records of our own, nested, with methods of their own. */
    public record Shelf(String name, Box box, Optional<Box> spare, List<Box> boxes) {

        public Box empty() {
            return null;
        }

        public String broken() {
            throw new IllegalStateException("the shelf gave way");
        }

        /** Whether OGNL is on the stack when the template asks: the chain's own path leaves it out. */
        public boolean askedThroughOgnl() {
            return ognlOnTheStack();
        }

        public boolean askedThroughOgnlFor(String word) {
            return askedThroughOgnl();
        }

        public Map<String, Shelf> shelves() {
            return Map.of("top", this);
        }

        public Optional<Shelf> self() {
            return Optional.of(this);
        }

        public static String label() {
            return "static";
        }

        /** A method given a text written out in the template, as {@code view.problem('dates')} is. */
        public String labelled(String word) {
            return word + ": " + name;
        }

        /** Two of a name and one parameter: OGNL chooses by the argument, which is left to it. */
        public String either(String word) {
            return "text " + word;
        }

        public String either(Object thing) {
            return "thing " + thing;
        }

        /** A parameter that is not a text: OGNL converts the argument, which is left to it. */
        public String counted(int n) {
            return n + " counted";
        }

        public Map<String, String> links() {
            return Map.of("about", "/about", "dossier.css", "/dossier.1.css");
        }
    }

    public record Box(String label, int count, boolean open) {

        public String countText() {
            return count + (count == 1 ? " record" : " records");
        }
    }

    /** Two types with methods of the same names, met by one step of a template in turn. */
    public record Letter(String label) {

        public boolean askedThroughOgnl() {
            return ognlOnTheStack();
        }
    }

    public record Memo(String label) {

        public boolean askedThroughOgnl() {
            return ognlOnTheStack();
        }
    }

    private static boolean ognlOnTheStack() {
        return Arrays.stream(Thread.currentThread().getStackTrace()).anyMatch(f -> f.getClassName().startsWith("ognl."));
    }

    /** Not public: its methods are left to OGNL, which may call them. */
    record Hidden(String secret) {
    }

    private static final Shelf SHELF = new Shelf("Top & <bottom>", new Box("Letters", 1, true),
            Optional.of(new Box("Memos", 12, false)), List.of(new Box("a", 2, true), new Box("b", 3, false)));

    private static final List<String> EXPRESSIONS = List.of(
            "<p th:text=\"${shelf.name()}\">x</p>",
            "<p th:text=\"${shelf.box().label()}\">x</p>",
            "<p th:text=\"${ shelf.box().countText() }\">x</p>",
            "<p th:text=\"${shelf.box().count()}\" th:if=\"${shelf.box().open()}\">x</p>",
            "<p th:unless=\"${shelf.box().open()}\">closed</p>",
            "<p th:text=\"${shelf.spare().isPresent()}\">x</p>",
            "<p th:text=\"${shelf.spare().get().countText()}\">x</p>",
            "<p th:each=\"b : ${shelf.boxes()}\" th:text=\"${b.label()}\" th:title=\"${b.countText()}\">x</p>",
            "<p th:text=\"${shelf.empty() == null}\">x</p>",
            "<p th:utext=\"${shelf.name()}\">x</p>",
            "<p th:attr=\"data-x=${shelf.box().label()}\">x</p>",
            "<p th:text=\"${hidden.secret()}\">x</p>",
            "<p th:text=\"${shelf.box().toString()}\">x</p>",
            "<p th:text=\"${shelf.boxes().size()}\">x</p>",
            "<p th:text=\"${shelf.getClass().getName()}\">x</p>",
            "<p th:text=\"${shelf.label()}\">x</p>",
            "<p th:text=\"${missing}\">x</p>",
            "<p th:object=\"${shelf}\" th:text=\"*{box().label()}\">x</p>",
            "<p th:if=\"${!shelf.box().open()}\">closed</p><p th:if=\"${ ! shelf.spare().get().open()}\">closed</p>",
            "<p th:text=\"${!shelf.name()}\">x</p><p th:text=\"${!missing}\">x</p>",
            "<p th:text=\"${shelf.empty() != null}\">x</p><p th:text=\"${shelf.empty()== null}\">x</p>",
            "<p th:text=\"${shelf.box() != null}\">x</p><p th:text=\"${shelf.box() == null}\">x</p>",
            "<p th:text=\"${missing == null}\">x</p><p th:text=\"${shelf}\">x</p>",
            "<p th:text=\"${shelf.spare().isEmpty()}\">x</p><p th:text=\"${shelf.boxes().isEmpty()}\">x</p>",
            "<p th:text=\"${shelf.boxes().iterator().next()}\">x</p>",
            "<p th:text=\"${true}\">x</p><p th:text=\"${false}\">x</p><p th:text=\"${null}\">x</p>",
            "<p th:text=\"${shelf.labelled('dates')}\">x</p><p th:text=\"${shelf.labelled('dossier.css') != null}\">x</p>",
            "<p th:text=\"${shelf.labelled('a')}\">x</p><p th:text=\"${shelf.labelled('two words')}\">x</p>",
            "<p th:text=\"${shelf.either('word')}\">x</p><p th:text=\"${shelf.either('w')}\">x</p>",
            "<p th:text=\"${shelf.links()['about']}\">x</p><p th:href=\"${links['dossier.css']}\">x</p>",
            "<p th:text=\"${links['size']}\">x</p><p th:text=\"${links['nowhere'] == null}\">x</p>",
            "<p th:text=\"${shelf['name']}\">x</p><p th:text=\"${shelf.links()['about'].length()}\">x</p>");

    private static TemplateEngine engine(boolean modelCalls) {
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        if (modelCalls) {
            StandardDialect dialect = new StandardDialect();
            dialect.setVariableExpressionEvaluator(new ModelCalls());
            engine.setDialect(dialect);
        }
        return engine;
    }

    private static String render(TemplateEngine engine, String template) {
        return engine.process(template, new Context(Locale.ENGLISH,
                Map.of("shelf", SHELF, "hidden", new Hidden("kept"), "links", SHELF.links())));
    }

    @Test
    void everyExpressionGivesWhatOgnlGives() {
        TemplateEngine ognl = engine(false);
        TemplateEngine calls = engine(true);
        for (String template : EXPRESSIONS) {
            assertEquals(render(ognl, template), render(calls, template), template);
        }
        assertEquals("<p>Top &amp; &lt;bottom&gt;</p>", render(calls, EXPRESSIONS.get(0)), "escaped as before");
    }

    @Test
    void aChainOfTheModelsMethodsIsCalledWithoutOgnl() {
        String template = "<p th:text=\"${shelf.askedThroughOgnl()}\">x</p>";
        assertEquals("<p>true</p>", render(engine(false), template));
        assertEquals("<p>false</p>", render(engine(true), template));
        assertEquals("<p>false</p>", render(engine(true), "<p th:text=\"${shelf.self().get().askedThroughOgnl()}\">x</p>"),
                "an Optional's value is read without OGNL too");
        assertEquals("<p>true</p>", render(engine(true), "<p th:text=\"${!shelf.askedThroughOgnl()}\">x</p>"), "negated");
        assertEquals("<p>true</p>", render(engine(true), "<p th:text=\"${shelf.askedThroughOgnl() and true}\">x</p>"),
                "an expression that is more than a chain stays OGNL's");
        assertEquals("<p>false</p>", render(engine(true), "<p th:text=\"${shelf.askedThroughOgnlFor('dates')}\">x</p>"),
                "a method given a text written out");
        assertEquals("<p>false</p>", render(engine(true), "<p th:text=\"${shelf.shelves()['top'].askedThroughOgnl()}\">x</p>"),
                "a map's value of a key written out");
        assertEquals("<p>true</p>", render(engine(true), "<p th:text=\"${shelf.askedThroughOgnlFor('d')}\">x</p>"),
                "a text of one letter is OGNL's character: left to it");
    }

    @Test
    void aStepThatMeetsAnotherTypeCallsThatTypesMethodWithoutOgnl() {
        String template = "<p th:each=\"t : ${things}\" th:text=\"${t.label()}\" th:title=\"${t.askedThroughOgnl()}\">x</p>";
        Map<String, Object> model = Map.of("things", List.of(new Letter("a"), new Memo("b"), new Letter("c"), new Memo("d")));
        String rendered = engine(true).process(template, new Context(Locale.ENGLISH, model));

        assertEquals(engine(false).process(template.replace("th:title=\"${t.askedThroughOgnl()}\"", "title=\"false\""),
                new Context(Locale.ENGLISH, model)), rendered);
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void whatOgnlRefusesOrFailsAtFailsTheSameWay() {
        for (String template : List.of(
                "<p th:text=\"${shelf.empty().label()}\">x</p>",
                "<p th:text=\"${shelf.broken()}\">x</p>",
                "<p th:text=\"${shelf.nothing()}\">x</p>",
                "<p th:text=\"${param.size()}\">x</p>")) {
            TemplateProcessingException ognl = assertThrows(TemplateProcessingException.class, () -> render(engine(false), template), template);
            TemplateProcessingException calls = assertThrows(TemplateProcessingException.class, () -> render(engine(true), template), template);
            assertEquals(causes(ognl), causes(calls), template);
            assertTrue(causes(calls).contains("Exception evaluating OGNL expression"), causes(calls));
        }
    }
}
