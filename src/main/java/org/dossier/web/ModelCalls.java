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
 * declared by one of our own public types, called through a method handle found once per class and
 * name. Every other expression, and any such chain that meets a null, another package's type or a
 * method that throws, is OGNL's, as before, which then answers or fails exactly as it did.
 *
 * <p>Why: OGNL makes a context of its own for every evaluation and looks up, checks against
 * Thymeleaf's list of forbidden members and invokes by reflection every method of a chain; a search
 * page evaluates some 450 expressions, half of them such chains, and rendering was a sixth of the
 * load mix's request threads, two thirds of that OGNL (BENCHMARKS.md, "Where the load mix's
 * processor time goes at 1M"). Thymeleaf's own quicker path takes only JavaBeans' {@code getX()}
 * properties, which records do not have. Calling the same methods of the same objects gives the same
 * values: the pages are the same byte for byte.
 */
final class ModelCalls implements IStandardVariableExpressionEvaluator {

    /** A variable, then one or more calls of a method without arguments: nothing else. */
    private static final Pattern CHAIN = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*\\(\\))+)\\s*");
    private static final Pattern CALL = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)\\(\\)");

    /**
     * Names OGNL's context gives a meaning of its own (a request's parameters, the session), which
     * Thymeleaf forbids in some places: always left to OGNL, which says so.
     */
    private static final Set<String> OGNL_OWN = Set.of("param", "session", "application", "request", "response",
            "execInfo", "root", "this", "context");

    /** Only our own types' methods are called here; Thymeleaf's checks of the JDK's stay OGNL's. */
    private static final String OURS = "org.dossier.";

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

    private record Chain(String variable, List<String> calls) {
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext how) {
        if (!expression.getUseSelectionAsRoot()) {
            Optional<Chain> chain = chains.computeIfAbsent(expression.getExpression(), ModelCalls::chainOf);
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
        if (!whole.matches() || OGNL_OWN.contains(whole.group(1)) || StandardExpressionUtils.containsExternalAccess(expression)) {
            return Optional.empty();
        }
        Matcher call = CALL.matcher(whole.group(2));
        List<String> calls = new java.util.ArrayList<>();
        while (call.find()) {
            calls.add(call.group(1));
        }
        return Optional.of(new Chain(whole.group(1), List.copyOf(calls)));
    }

    /** The chain's value, or {@link #OGNLS} where OGNL is to answer. */
    private Object valueOf(Chain chain, IExpressionContext context) {
        Object value = context.getVariable(chain.variable());
        for (String name : chain.calls()) {
            if (value == null) {
                return OGNLS;
            }
            Class<?> type = value.getClass();
            Optional<MethodHandle> method = methods.get(type).computeIfAbsent(name, n -> handle(type, n));
            if (method.isEmpty()) {
                return OGNLS;
            }
            try {
                value = method.get().invokeExact(value);
            } catch (Throwable failed) {
                // OGNL calls it again and fails the page in its own words.
                return OGNLS;
            }
        }
        return value;
    }

    /** A public method of one of our public types, without arguments, declared by our own code. */
    private static Optional<MethodHandle> handle(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers()) || !type.getName().startsWith(OURS)) {
            return NONE;
        }
        try {
            Method method = type.getMethod(name);
            if (Modifier.isStatic(method.getModifiers()) || !method.getDeclaringClass().getName().startsWith(OURS)
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
