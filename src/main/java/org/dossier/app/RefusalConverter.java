package org.dossier.app;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * Lets picocli read an option through a parse that refuses a value with an
 * {@link IllegalArgumentException}: the refusal becomes a usage error (exit 2) that names the
 * option and says, in the parse's words, what it takes. Each option's converter is a class of its
 * own, made by picocli, which passes its parse here.
 */
abstract class RefusalConverter<T> implements CommandLine.ITypeConverter<T> {

    private final Function<String, T> parse;

    RefusalConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
