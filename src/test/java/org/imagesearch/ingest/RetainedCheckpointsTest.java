package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void findsTheNewestCompleteCheckpointOrSavepointOfAnyEarlierJob() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path savepoints = dir.resolve("savepoints");
        complete(checkpoints.resolve("job-a/chk-7"), 1_000);
        complete(checkpoints.resolve("job-b/chk-3"), 3_000);
        Files.createDirectories(checkpoints.resolve("job-b/chk-4")); // being written when the process died
        Files.createDirectories(checkpoints.resolve("job-b/shared"));
        complete(savepoints.resolve("savepoint-1"), 2_000);

        assertEquals(Optional.of(checkpoints.resolve("job-b/chk-3").toUri().toString()),
                normalised(RetainedCheckpoints.newest(Optional.of(checkpoints.toString()), Optional.of(savepoints.toString()))));
        complete(savepoints.resolve("savepoint-2"), 4_000);
        assertEquals(Optional.of(savepoints.resolve("savepoint-2").toUri().toString()),
                normalised(RetainedCheckpoints.newest(Optional.of(checkpoints.toString()), Optional.of(savepoints.toString()))));
    }

    @Test
    void findsNothingInMissingOrEmptyFolders() {
        assertEquals(Optional.empty(), RetainedCheckpoints.newest(Optional.of(dir.resolve("none").toString()),
                Optional.of(dir.toString())));
        assertEquals(Optional.empty(), RetainedCheckpoints.newest(Optional.empty(), Optional.empty()));
    }

    private static void complete(Path checkpoint, long modifiedMillis) throws Exception {
        Files.createDirectories(checkpoint);
        Path metadata = Files.write(checkpoint.resolve("_metadata"), new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
    }

    private static Optional<String> normalised(Optional<String> path) {
        return path.map(p -> Path.of(p.replaceFirst("^file:", "")).toUri().toString());
    }
}
