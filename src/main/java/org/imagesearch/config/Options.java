package org.imagesearch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, with a fallback to
 * environment variables named {@code IMAGE_SEARCH_NAME} (upper case, dashes as underscores).
 */
public final class Options {
    private final Map<String, String> values;
    private final List<String> positional;
    private final Map<String, String> environment;

    private Options(Map<String, String> values, List<String> positional, Map<String, String> environment) {
        this.values = values;
        this.positional = positional;
        this.environment = environment;
    }

    /** Parses {@code args}; names in {@code flags} take no value. */
    public static Options parse(String[] args, Set<String> flags, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            values.put(name, value);
        }
        return new Options(values, positional, environment);
    }

    public static Options parse(String[] args, Set<String> flags) {
        return parse(args, flags, System.getenv());
    }

    public static Options empty() {
        return new Options(Map.of(), List.of(), System.getenv());
    }

    /** A copy in which {@code name} falls back to {@code value} when neither flag nor environment sets it. */
    public Options withDefault(String name, String value) {
        if (get(name, null) != null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Options(copy, positional, environment);
    }

    public List<String> positional() {
        return positional;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    public String get(String name, String fallback) {
        String value = values.get(name);
        if (value == null) {
            value = environment.get(environmentName(name));
        }
        return value == null || value.isEmpty() ? fallback : value;
    }

    public String require(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + " (or " + environmentName(name) + ")");
        }
        return value;
    }

    public int getInt(String name, int fallback) {
        long value = getLong(name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " is out of range: " + value);
        }
        return (int) value;
    }

    public long getLong(String name, long fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    public double getDouble(String name, double fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    /** Names given on the command line that {@code known} does not list: typos fail loudly. */
    public void rejectUnknown(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    static String environmentName(String option) {
        return "IMAGE_SEARCH_" + option.toUpperCase().replace('-', '_');
    }
}
