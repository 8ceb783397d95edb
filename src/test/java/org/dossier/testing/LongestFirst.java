package org.dossier.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order test classes start in (junit-platform.properties): the classes marked
 * {@link StartedFirst}, longest first, then every other class in the order it was found.
 */
public final class LongestFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt((ClassDescriptor c) ->
                c.findAnnotation(StartedFirst.class).map(StartedFirst::seconds).orElse(0)).reversed());
    }
}
