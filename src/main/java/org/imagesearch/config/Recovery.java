package org.imagesearch.config;

import java.util.Optional;

/**
 * Where the ingest job keeps durable state and where it resumes from. Every part is optional: without a
 * checkpoint folder checkpoints live in the job manager's memory and die with the process.
 */
public record Recovery(Optional<String> checkpointDir, Optional<String> fromSavepoint, Optional<String> savepointDir) {}
