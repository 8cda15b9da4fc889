package org.imagesearch.config;

import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Command lines for this project's commands: defaults from the environment ({@link EnvironmentDefaults})
 * and numbers as people write them ({@code 1_000_000}), for a command and every subcommand it declares.
 */
public final class CommandLines {
    private CommandLines() {}

    public static CommandLine of(Object command, Map<String, String> environment) {
        CommandLine line = new CommandLine(command);
        ITypeConverter<Integer> integer = CommandLines::parseInt;
        ITypeConverter<Long> longInteger = CommandLines::parseLong;
        ITypeConverter<Double> number = CommandLines::parseDouble;
        line.registerConverter(int.class, integer).registerConverter(Integer.class, integer)
                .registerConverter(long.class, longInteger).registerConverter(Long.class, longInteger)
                .registerConverter(double.class, number).registerConverter(Double.class, number);
        line.setDefaultValueProvider(new EnvironmentDefaults(environment));
        return line;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not an integer");
        }
    }

    private static Integer parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + text + "' is out of range");
        }
        return (int) value;
    }

    private static Double parseDouble(String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
        return value;
    }
}
