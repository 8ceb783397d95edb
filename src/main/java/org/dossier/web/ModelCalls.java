package org.dossier.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.standard.util.StandardExpressionUtils;

/**
 * Evaluates the templates' {@code ${...}} expressions that only read the page's model: a variable
 * and a chain of its public no-argument methods ({@code ${hit.document().typeLabel()}}), each
 * declared by one of our own public types (or one of the few reads of the JDK's types the templates
 * make: whether an {@code Optional} holds a value and which, whether a collection is empty, its
 * size), called through a method handle found once per class and name; a step may also be a call of
 * one of our methods given a text written out ({@code ${view.problem('dates')}}), when it is the only
 * method of that name and one parameter and that parameter is a text, or a map's value of a key written
 * out ({@code ${assets['dossier.css']}}, OGNL's {@code get}); optionally negated
 * ({@code ${!box.hasMore()}}, a boolean) or compared with null ({@code ${box.note() != null}}). Every
 * other expression, and any such chain that meets a null, another type or a method that throws, is
 * OGNL's, as before, which then answers or fails exactly as it did.
 *
 * <p>Why: OGNL makes a context of its own for every evaluation and looks up, checks against
 * Thymeleaf's list of forbidden members and invokes by reflection every method of a chain; a search
 * page evaluates some 450 expressions, over half of them such chains, and rendering was a sixth of
 * the load mix's request threads, two thirds of that OGNL (BENCHMARKS.md, "Where the load mix's
 * processor time goes at 1M"). Thymeleaf's own quicker path takes only JavaBeans' {@code getX()}
 * properties, which records do not have. Calling the same methods of the same objects gives the same
 * values, and OGNL's {@code !} of a boolean and comparison with null are Java's: the pages are the
 * same byte for byte.
 */
final class ModelCalls implements IStandardVariableExpressionEvaluator {

    /**
     * A variable, then calls of methods without arguments or with one text written out
     * ({@code view.problem('dates')}), or a map's value of a key written out ({@code assets['dossier.css']}),
     * perhaps negated or compared with null (not both: OGNL would negate first): nothing else. A
     * text of one letter is OGNL's character, not a string: left to OGNL, as is any text with a quote,
     * a backslash or a space in it.
     */
    private static final Pattern CHAIN = Pattern.compile(
            "\\s*(?:(!)\\s*)?([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*\\((?:'[A-Za-z0-9_.-]{2,}')?\\)|\\['[A-Za-z0-9_.-]{2,}'\\])*)\\s*(?:([!=])=\\s*null\\s*)?");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)\\((?:'([^']*)')?\\)|\\['([^']*)'\\]");

    /**
     * Names OGNL's context gives a meaning of its own (a request's parameters, the session), which
     * Thymeleaf forbids in some places, and OGNL's words ({@code true}, {@code null}, {@code and}):
     * always left to OGNL.
     */
    private static final Set<String> OGNL_OWN = Set.of("param", "session", "application", "request", "response",
            "execInfo", "root", "this", "context", "true", "false", "null", "and", "or", "not", "eq", "neq", "lt",
            "gt", "lte", "gte", "in", "instanceof", "new", "bor", "xor", "band", "shl", "shr", "ushr");

    /** Only our own types' methods are called here, and these of the JDK's; Thymeleaf's checks of the others stay OGNL's. */
    private static final String OURS = "org.dossier.";
    private static final Map<Class<?>, Set<String>> JDK_READS = Map.of(
            Optional.class, Set.of("isPresent", "isEmpty", "get"),
            java.util.Collection.class, Set.of("isEmpty", "size"),
            Map.class, Set.of("isEmpty", "size"));

    /** What a call found for a class and method name: the handle, or none (left to OGNL). */
    private static final Optional<MethodHandle> NONE = Optional.empty();

    private static final Object OGNLS = new Object();

    private final IStandardVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);

    /** Each expression as read once: the variable and the methods' names, or none. A template's expressions are few. */
    private final Map<String, Optional<Chain>> chains = new ConcurrentHashMap<>();

    private final ClassValue<Map<String, Optional<MethodHandle>>> methods = new ClassValue<>() {
        @Override
        protected Map<String, Optional<MethodHandle>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** How the chain's value is given: as it is, negated (a boolean), or whether it is null or not. */
    private enum Then { AS_IS, NOT, IS_NULL, IS_NOT_NULL }

    /**
     * A step of a chain: a method's call, without an argument or with {@code text}; or, with a null
     * name, a map's value of the key {@code text}. It remembers the class it last met and what was
     * found for it: a template's step meets one class (nearly always), so the step's method is then
     * one comparison away rather than a lookup by class and name at every evaluation, which was a
     * tenth of a search page's rendering (BENCHMARKS.md, "A rendered page's template time").
     */
    private static final class Step {

        private final String name;
        private final String text;
        /** The name the methods found are kept under: a method given a text is not the one without. */
        private final String key;
        /** Read and written without a lock: a {@link Found} is immutable, and one lost is found again. */
        private Found last;

        Step(String name, String text) {
            this.name = name;
            this.text = text;
            this.key = name == null ? null : text != null ? name + "('')" : name;
        }
    }

    /** What a step found for a class: the method's handle, or none (left to OGNL). */
    private record Found(Class<?> type, Optional<MethodHandle> method) {
    }

    private record Chain(String variable, List<Step> steps, Then then) {
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext how) {
        if (!expression.getUseSelectionAsRoot()) {
            Optional<Chain> chain = chains.get(expression.getExpression());
            if (chain == null) {
                chain = chains.computeIfAbsent(expression.getExpression(), ModelCalls::chainOf);
            }
            if (chain.isPresent()) {
                Object value = valueOf(chain.get(), context);
                if (value != OGNLS) {
                    return how.getPerformTypeConversion()
                            ? StandardExpressions.getConversionService(context.getConfiguration()).convert(context, value, String.class)
                            : value;
                }
            }
        }
        return ognl.evaluate(context, expression, how);
    }

    private static Optional<Chain> chainOf(String expression) {
        Matcher whole = CHAIN.matcher(expression);
        if (!whole.matches() || (whole.group(1) != null && whole.group(4) != null) || OGNL_OWN.contains(whole.group(2))
                || StandardExpressionUtils.containsExternalAccess(expression)) {
            return Optional.empty();
        }
        Matcher step = STEP.matcher(whole.group(3));
        List<Step> steps = new java.util.ArrayList<>();
        while (step.find()) {
            steps.add(step.group(1) != null ? new Step(step.group(1), step.group(2)) : new Step(null, step.group(3)));
        }
        Then then = whole.group(1) != null ? Then.NOT
                : whole.group(4) == null ? Then.AS_IS
                : whole.group(4).equals("=") ? Then.IS_NULL : Then.IS_NOT_NULL;
        return Optional.of(new Chain(whole.group(2), List.copyOf(steps), then));
    }

    /** The chain's value, or {@link #OGNLS} where OGNL is to answer. */
    private Object valueOf(Chain chain, IExpressionContext context) {
        Object value = context.getVariable(chain.variable());
        for (Step step : chain.steps()) {
            if (value == null) {
                return OGNLS;
            }
            if (step.name == null) {
                // OGNL's map[key] is the map's get: its names of a map's own (size, keys) are for map.size alone.
                if (!(value instanceof Map<?, ?> map)) {
                    return OGNLS;
                }
                value = map.get(step.text);
                continue;
            }
            Class<?> type = value.getClass();
            boolean withText = step.text != null;
            Found found = step.last;
            if (found == null || found.type() != type) {
                found = new Found(type, methods.get(type).computeIfAbsent(step.key,
                        n -> withText ? handleTakingText(type, step.name) : handle(type, step.name)));
                step.last = found;
            }
            Optional<MethodHandle> method = found.method();
            if (method.isEmpty()) {
                return OGNLS;
            }
            try {
                value = withText ? method.get().invokeExact(value, (Object) step.text) : method.get().invokeExact(value);
            } catch (Throwable failed) {
                // OGNL calls it again and fails the page in its own words.
                return OGNLS;
            }
        }
        return switch (chain.then()) {
            case AS_IS -> value;
            // OGNL's ! of anything but a boolean has rules of its own: OGNL applies them.
            case NOT -> value instanceof Boolean b ? !b : OGNLS;
            case IS_NULL -> value == null;
            case IS_NOT_NULL -> value != null;
        };
    }

    /**
     * A public method of one of our public types, without arguments, declared by our own code; or
     * one of the JDK's reads above, of the type that declares it.
     */
    private static Optional<MethodHandle> handle(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers()) || !type.getName().startsWith(OURS)) {
            for (Map.Entry<Class<?>, Set<String>> jdk : JDK_READS.entrySet()) {
                if (jdk.getKey().isAssignableFrom(type) && jdk.getValue().contains(name)) {
                    return handle(jdk.getKey(), jdk.getKey().getName(), name);
                }
            }
            return NONE;
        }
        return handle(type, OURS, name);
    }

    /**
     * The one public method of that name and one parameter of one of our public types, declared by our
     * own code, that takes a text: OGNL would choose it. Another of the same name and one parameter
     * would leave OGNL a choice to make: then none.
     */
    private static Optional<MethodHandle> handleTakingText(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers()) || !type.getName().startsWith(OURS)) {
            return NONE;
        }
        List<Method> named = java.util.Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1).toList();
        if (named.size() != 1) {
            return NONE;
        }
        Method method = named.get(0);
        if (Modifier.isStatic(method.getModifiers()) || method.isVarArgs() || method.getParameterTypes()[0] != String.class
                || !method.getDeclaringClass().getName().startsWith(OURS) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            return NONE;
        }
        try {
            return Optional.of(MethodHandles.publicLookup().unreflect(method)
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class)));
        } catch (IllegalAccessException notOurs) {
            return NONE;
        }
    }

    private static Optional<MethodHandle> handle(Class<?> type, String declaredIn, String name) {
        try {
            Method method = type.getMethod(name);
            if (Modifier.isStatic(method.getModifiers()) || !method.getDeclaringClass().getName().startsWith(declaredIn)
                    || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                return NONE;
            }
            return Optional.of(MethodHandles.publicLookup().unreflect(method)
                    .asType(MethodType.methodType(Object.class, Object.class)));
        } catch (NoSuchMethodException | IllegalAccessException notOurs) {
            return NONE;
        }
    }
}
