package org.imagesearch.cli;

import org.imagesearch.dataset.Dataset;
import org.imagesearch.local.LocalPipeline;

/** Publishes a data set into the local pipeline with a progress bar, as {@code demo} and {@code walkthrough} do. */
final class PipelineProgress {
    private PipelineProgress() {}

    /** Publishes positions 0..count-1, waits until all have settled; returns how many were dead-lettered. */
    static long publishAndAwait(LocalPipeline pipeline, Dataset dataset, int count) throws Exception {
        ProgressBar bar = new ProgressBar();
        long deadLettered = pipeline.publishAndAwait(dataset, count,
                published -> bar.update(published, count, "published"),
                settled -> bar.update(settled, count, String.format("settled (dead-lettered %d)", pipeline.deadLetters())));
        bar.finish();
        if (deadLettered > 0) {
            System.err.println("Latest dead letter: " + pipeline.latestDeadLetter());
        }
        return deadLettered;
    }
}
