package org.imagesearch.ingest;

import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.imagesearch.config.Recovery;

/**
 * The Flink configuration that makes the ingest job's state durable and says where it resumes from: an explicit
 * {@code --from-savepoint}, else the newest checkpoint or savepoint earlier runs left in the configured folders.
 */
public final class DurableState {
    private final Recovery recovery;
    // Present when the job resumes; found says whether it was looked up rather than named.
    private final Optional<String> restoreFrom;
    private final boolean found;

    private DurableState(Recovery recovery, Optional<String> restoreFrom, boolean found) {
        this.recovery = recovery;
        this.restoreFrom = restoreFrom;
        this.found = found;
    }

    public static DurableState of(Recovery recovery) {
        if (recovery.fromSavepoint().isPresent()) {
            return new DurableState(recovery, recovery.fromSavepoint(), false);
        }
        Optional<String> newest = RetainedCheckpoints.newest(recovery.checkpointDir(), recovery.savepointDir());
        return new DurableState(recovery, newest, newest.isPresent());
    }

    /** Where the job resumes from, if anywhere. */
    public Optional<String> restoreFrom() {
        return restoreFrom;
    }

    public Configuration configuration() {
        Configuration config = new Configuration();
        recovery.checkpointDir().ifPresent(dir -> {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
            // Kept on cancellation too: a killed or cancelled process leaves its latest checkpoint to resume from.
            config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        });
        restoreFrom.ifPresent(path -> {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            // A checkpoint found by looking belongs to this job's folders: claim it, so Flink deletes it once a
            // newer one subsumes it and the folders do not grow with every restart. A named one is left alone.
            config.set(StateRecoveryOptions.RESTORE_MODE, found ? RecoveryClaimMode.CLAIM : RecoveryClaimMode.NO_CLAIM);
        });
        return config;
    }
}
