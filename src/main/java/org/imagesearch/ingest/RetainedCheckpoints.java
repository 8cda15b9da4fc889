package org.imagesearch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Finds the newest complete checkpoint or savepoint that earlier runs left behind. Flink writes checkpoints to
 * {@code <checkpoint-dir>/<job id>/chk-<n>/} and savepoints to {@code <savepoint-dir>/savepoint-<id>/}, and a
 * checkpoint or savepoint is complete once its {@code _metadata} file exists: every new process has another job
 * id, so the newest {@code _metadata} by time is where the previous process stopped.
 */
public final class RetainedCheckpoints {
    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /** The folder of the newest complete checkpoint under {@code checkpointDir} or savepoint under {@code savepointDir}. */
    public static Optional<String> newest(Optional<String> checkpointDir, Optional<String> savepointDir) {
        List<FileStatus> found = new ArrayList<>();
        checkpointDir.ifPresent(dir -> children(new Path(dir)).forEach(job -> completed(job.getPath(), "chk-", found)));
        savepointDir.ifPresent(dir -> completed(new Path(dir), "savepoint-", found));
        return found.stream().max(Comparator.comparingLong(FileStatus::getModificationTime))
                .map(metadata -> metadata.getPath().getParent().toString());
    }

    private static void completed(Path parent, String prefix, List<FileStatus> found) {
        for (FileStatus child : children(parent)) {
            if (child.isDir() && child.getPath().getName().startsWith(prefix)) {
                children(child.getPath()).stream()
                        .filter(file -> file.getPath().getName().equals(METADATA))
                        .forEach(found::add);
            }
        }
    }

    private static List<FileStatus> children(Path dir) {
        try {
            FileSystem fs = dir.getFileSystem();
            FileStatus[] children = fs.exists(dir) ? fs.listStatus(dir) : null;
            return children == null ? List.of() : List.of(children);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
