package org.imagesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SinceConverterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final SinceConverter since = new SinceConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @CsvSource({
            "2026-11-27T11:00:00Z, 2026-11-27T11:00:00Z",
            "2026-11-27T11:00:00.250Z, 2026-11-27T11:00:00.250Z",
            "90s, 2026-11-27T11:58:30Z",
            "30m, 2026-11-27T11:30:00Z",
            "2h, 2026-11-27T10:00:00Z",
            "2H, 2026-11-27T10:00:00Z",
            "1d, 2026-11-26T12:00:00Z",
            "PT2H, 2026-11-27T10:00:00Z",
            "P1D, 2026-11-26T12:00:00Z",
            "' 2h ', 2026-11-27T10:00:00Z"})
    void anInstantOrADurationBackFromNow(String text, String expected) {
        assertEquals(Instant.parse(expected), since.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2h30", "-2h", "PT-2H", "2026-11-27", "9999999999d"})
    void anythingElseIsRefused(String text) {
        assertThrows(TypeConversionException.class, () -> since.convert(text));
    }
}
