package org.imagesearch.publish;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.imagesearch.ingest.Stage;
import org.imagesearch.ingest.StoredDeadLetter;

/**
 * Which dead letters a replay takes: those of the given stages (any when none are given), whose reason contains
 * {@code reasonContains} ignoring case (any when null), that failed at or after {@code since} (any when null).
 * A record that is no dead letter has none of these, so it is taken only when nothing is asked.
 */
public record DeadLetterSelection(Set<Stage> stages, String reasonContains, Instant since) {
    public DeadLetterSelection {
        stages = Set.copyOf(stages);
    }

    public boolean matches(StoredDeadLetter letter) {
        if (!stages.isEmpty() && stages.stream().noneMatch(stage -> stage.label().equals(letter.stage()))) {
            return false;
        }
        if (reasonContains != null && (letter.reason() == null
                || !letter.reason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return since == null || letter.failedAt() != null && !letter.failedAt().isBefore(since);
    }
}
