package org.imagesearch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.ingest.Stage;
import org.imagesearch.ingest.StoredDeadLetter;
import org.imagesearch.publish.DeadLetterReplay;
import org.imagesearch.publish.DeadLetterSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay-dead-letters}: sends selected dead letters' original messages to the ingest topic again. */
@Command(name = "replay-dead-letters", mixinStandardHelpOptions = true, description = {
        "Send the original messages of dead letters to the ingest topic again, once their cause is fixed.",
        "Reads the dead-letter topic from its beginning to where it ends now; each selected letter goes out with its "
                + "original key and timestamp, the same change again, so replaying twice changes nothing more."})
final class ReplayDeadLettersCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final int SHOWN_REASON_CHARS = 120;

    @Option(names = "--stage", paramLabel = "STAGE", split = ",",
            description = "only letters of these stages: parse, load, decode, embed (default: all)")
    private List<String> stages = List.of();

    @Option(names = "--reason-contains", paramLabel = "TEXT", description = "only letters whose reason contains TEXT, ignoring case")
    private String reasonContains;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class, description = "only letters "
            + "written at or after TIME: an ISO-8601 instant (2026-11-27T11:00:00Z) or a duration back from now (2h, 30m, 1d, PT90S)")
    private Instant since;

    @Option(names = "--dry-run", description = "list what would be replayed and send nothing")
    private boolean dryRun;

    @Option(names = "--json", description = "end with one JSON object of the counts")
    private boolean json;

    @Mixin
    private KafkaOptions kafka;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Settings.Kafka settings = new SettingsBuilder().with(kafka).build().kafka();
        DeadLetterSelection selection = new DeadLetterSelection(
                stages.stream().map(Stage::ofLabel).collect(Collectors.toSet()), reasonContains, since);
        PrintWriter out = spec.commandLine().getOut();
        DeadLetterReplay.Counts counts = DeadLetterReplay.run(settings, selection, dryRun, KAFKA_TIMEOUT,
                selected -> out.println(describe(selected)));
        out.printf("%s: %d dead letters scanned, %d selected; %d %s to %s, %d skipped as unreplayable, %d as duplicates%s%n",
                settings.deadLetterTopic(), counts.scanned(), counts.matched(), counts.replayable(),
                dryRun ? "would be replayed" : "replayed", settings.topic(), counts.skippedUnreplayable(),
                counts.skippedDuplicates(), dryRun ? " (dry run: nothing sent)" : "");
        if (json) {
            out.println(counts.toJson());
        }
        out.flush();
        return 0;
    }

    private String describe(DeadLetterReplay.Selected selected) {
        StoredDeadLetter letter = selected.letter();
        String verb = switch (selected.outcome()) {
            case REPLAY -> dryRun ? "would replay" : "replayed";
            case UNREPLAYABLE -> "skipped (" + selected.unreplayable() + ")";
            case DUPLICATE -> "skipped (the same change as a letter before it)";
        };
        String reason = letter.reason() == null ? "" : letter.reason();
        return String.format("%s: id %s, %s: %s [dead letter %d@%d, failed at %s]", verb, letter.id() == null ? "?" : letter.id(),
                letter.stage(), reason.length() > SHOWN_REASON_CHARS ? reason.substring(0, SHOWN_REASON_CHARS) + "..." : reason,
                selected.partition(), selected.offset(), letter.failedAt());
    }
}
