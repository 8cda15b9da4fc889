package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DamageWarningsTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "Premature end of JPEG file",
            "Corrupt JPEG data: 12 extraneous bytes before marker 0xd9",
            "Corrupt JPEG data: premature end of data segment",
            "Truncated File - Missing EOI marker"})
    void warningsAboutThePixelDataAreKept(String warning) {
        DamageWarnings warnings = new DamageWarnings();

        warnings.warningOccurred(null, warning);
        warnings.warningOccurred(null, "Premature end of JPEG file (second)");

        assertEquals(warning, warnings.first());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "No embedded ICC color profile, will convert using inaccurate CMYK to RGB conversion. Colors may look incorrect.",
            "ICC profile is Perceptual, ignoring, treating as Display class",
            "Bad number of 'ICC_PROFILE' chunks: 2 of 3.",
            "Embedded color profile is invalid; ignored",
            "Exif chunk has no data.",
            "Bogus APP1/Exif segment, ignoring",
            "Invalid Adobe App14 marker. Indicates YCC/RGB data, but SOF0 has 1 color component(s). Ignoring Adobe App14 marker.",
            "JFIF markers not allowed in JFIF JPEG thumbnail; ignored"})
    void noticesAboutColourProfilesAndMetadataAreNotDamage(String warning) {
        DamageWarnings warnings = new DamageWarnings();

        warnings.warningOccurred(null, warning);

        assertNull(warnings.first());
    }
}
