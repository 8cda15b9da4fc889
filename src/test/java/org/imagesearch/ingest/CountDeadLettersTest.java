package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.imagesearch.testing.MeteredHarness;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.Test;

/** CountDeadLetters under Flink's operator test harness: letters pass unchanged, each counted under its stage. */
class CountDeadLettersTest {

    @Test
    void countsEachLetterUnderItsStageAndPassesItOn() throws Exception {
        List<DeadLetter> letters = List.of(letter(0, Stage.PARSE), letter(1, Stage.LOAD), letter(2, Stage.LOAD),
                letter(3, Stage.EMBED));
        try (MeteredHarness<DeadLetter, DeadLetter> metered = MeteredHarness.open(new StreamMap<>(new CountDeadLetters()))) {
            for (DeadLetter letter : letters) {
                metered.harness().processElement(letter, 0);
            }

            // the harness copies records, so compare what identifies a letter
            assertEquals(letters.stream().map(CountDeadLettersTest::describe).toList(),
                    metered.harness().extractOutputValues().stream().map(CountDeadLettersTest::describe).toList());
            assertEquals(1, metered.count("imagesearch.stage.parse.dead_lettered"));
            assertEquals(2, metered.count("imagesearch.stage.load.dead_lettered"));
            assertEquals(0, metered.count("imagesearch.stage.decode.dead_lettered"));
            assertEquals(1, metered.count("imagesearch.stage.embed.dead_lettered"));
        }
    }

    private static String describe(DeadLetter letter) {
        return letter.sourceOffset() + " " + letter.stage() + " " + letter.reason();
    }

    private static DeadLetter letter(long offset, Stage stage) {
        return DeadLetter.of(TestMessages.raw(offset, TestMessages.json("{}")), stage, "reason " + offset, offset);
    }
}
