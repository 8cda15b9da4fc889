package org.imagesearch.config;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment: {@code --jdbc-url} falls back to {@code IMAGE_SEARCH_JDBC_URL}
 * (upper case, dashes as underscores), then to the option's own default; the command line wins. An empty
 * variable counts as unset.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        // --help and --version are requests, not settings: a stray IMAGE_SEARCH_HELP must not turn them on.
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.get(variableName(option.longestName()));
        return value == null || value.isEmpty() ? null : value;
    }

    /** {@code --jdbc-url} -> {@code IMAGE_SEARCH_JDBC_URL}. */
    public static String variableName(String option) {
        return "IMAGE_SEARCH_" + option.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
