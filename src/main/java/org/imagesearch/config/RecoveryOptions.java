package org.imagesearch.config;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Options for {@link Recovery}: durable checkpoints, the savepoint to resume from, savepoints on stop. */
public final class RecoveryOptions {
    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "durable checkpoints (a path or a "
            + "file:// URI), kept when the job is cancelled or killed; a start without --from-savepoint resumes "
            + "from the newest checkpoint or savepoint found here or in --savepoint-dir (default: in memory)")
    private String checkpointDir;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "resume from this savepoint or retained checkpoint (its folder or its _metadata file)")
    private String fromSavepoint;

    @Option(names = "--savepoint-dir", paramLabel = "DIR",
            description = "on SIGTERM, stop with a savepoint written here and print its path (default: cancel)")
    private String savepointDir;

    public Recovery recovery() {
        return new Recovery(Optional.ofNullable(checkpointDir), Optional.ofNullable(fromSavepoint),
                Optional.ofNullable(savepointDir));
    }
}
