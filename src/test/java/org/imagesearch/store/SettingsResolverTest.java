package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a port nobody listens on: the failure must not quote the URL's secrets. */
class SettingsResolverTest {
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret",
            "jdbc:postgresql://u:secret@127.0.0.1:1/x", "jdbc:nosuchdriver://u:secret@127.0.0.1:1/x?password=secret"})
    void failureDoesNotQuoteThePassword(String jdbcUrl) {
        Settings settings = TestSettings.parse("--jdbc-url", jdbcUrl);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SettingsResolver.resolveForQueries(settings, ProjectionChoice.NONE));

        assertTrue(e.getMessage().startsWith("cannot use table"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
