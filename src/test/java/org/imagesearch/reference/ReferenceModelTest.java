package org.imagesearch.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;

class ReferenceModelTest {
    @Test
    void theReferenceModelAndDescriptorWinOverConfiguredOnesAndTheRestIsKept() {
        Settings configured = TestSettings.parse(Map.of(), "--model", "/elsewhere/other.pt", "--descriptor", "max",
                "--input-size", "112", "--dimension", "512", "--distance", "cosine", "--table", "mine",
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x", "--parallelism", "3");

        Settings reference = ReferenceModel.applyTo(configured);

        assertEquals(Settings.sharedDir().resolve("models/squeezenet1_0.pt"), reference.model().path());
        assertEquals("squeezenet1_0", reference.model().name());
        assertEquals(Descriptor.reference(), reference.model().descriptor());
        assertEquals(1000, reference.database().table().dimension());
        assertEquals(DistanceMetric.L2, reference.database().table().distance());
        assertEquals("jdbc:postgresql://127.0.0.1:1/x", reference.database().jdbcUrl());
        assertEquals(3, reference.job().parallelism());
        assertEquals(configured.kafka(), reference.kafka());
    }
}
