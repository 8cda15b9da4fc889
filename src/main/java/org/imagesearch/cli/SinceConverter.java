package org.imagesearch.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A moment as {@code --since} takes it: an ISO-8601 instant ({@code 2026-11-27T11:00:00Z}), or a duration back
 * from now, short ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT2H}, {@code P1D}).
 */
final class SinceConverter implements ITypeConverter<Instant> {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([smhd])");

    private final Clock clock;

    SinceConverter() {
        this(Clock.systemUTC());
    }

    SinceConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String text) {
        String value = text.trim();
        try {
            Matcher shorthand = SHORT.matcher(value.toLowerCase(Locale.ROOT));
            if (shorthand.matches()) {
                return clock.instant().minus(Long.parseLong(shorthand.group(1)), unit(shorthand.group(2)));
            }
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration back = Duration.parse(value);
                if (back.isNegative()) {
                    throw new TypeConversionException("'" + text + "' reaches into the future");
                }
                return clock.instant().minus(back);
            }
            return Instant.parse(value);
        } catch (DateTimeException | ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is neither an ISO-8601 instant (2026-11-27T11:00:00Z) "
                    + "nor a duration back from now (90s, 30m, 2h, 1d, PT2H)");
        }
    }

    private static ChronoUnit unit(String letter) {
        return switch (letter) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }
}
