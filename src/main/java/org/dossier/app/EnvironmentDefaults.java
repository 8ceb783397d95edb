package org.dossier.app;

import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can also come from the environment: {@code --public-url} from
 * {@code DOSSIER_PUBLIC_URL}, {@code --db} from {@code DOSSIER_DB}. The name is made from the
 * option's, so an option added later gets its variable with no more code. What is given on the
 * command line wins over the environment, which wins over the built-in default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    static final String PREFIX = "DOSSIER_";

    private final UnaryOperator<String> environment;

    EnvironmentDefaults(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    static EnvironmentDefaults system() {
        return new EnvironmentDefaults(System::getenv);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.apply(variable(option.longestName()));
        return value == null || value.isEmpty() ? null : value;
    }

    /** {@code --public-url} is {@code DOSSIER_PUBLIC_URL}. */
    static String variable(String optionName) {
        String bare = optionName.replaceFirst("^-+", "");
        return PREFIX + bare.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
