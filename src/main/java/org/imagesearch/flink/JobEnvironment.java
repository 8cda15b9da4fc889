package org.imagesearch.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.imagesearch.config.JobParameters;
import org.imagesearch.config.Settings;

/**
 * What the image-search jobs set on the environment they are added to. The parallelism and the checkpoint interval
 * only when the command line gives them: otherwise the environment's own apply (on a cluster {@code flink run -p},
 * {@code parallelism.default} and {@code execution.checkpointing.interval}; in a local run {@code LocalFlink}'s). No
 * operator sets a parallelism of its own, so every one follows. The settings become global job parameters, for the
 * web UI.
 */
public final class JobEnvironment {
    private JobEnvironment() {}

    /** The parallelism a job added to {@code env} runs with. */
    public static int parallelism(StreamExecutionEnvironment env, Settings.Job job) {
        return job.parallelismOr(env.getParallelism());
    }

    /** Whether a job added to {@code env} takes checkpoints. */
    public static boolean checkpointing(StreamExecutionEnvironment env, Settings.Job job) {
        return job.checkpointInterval() != null || env.getCheckpointConfig().isCheckpointingEnabled();
    }

    public static void configure(StreamExecutionEnvironment env, Settings settings) {
        Settings.Job job = settings.job();
        if (job.parallelism() != null) {
            env.setParallelism(job.parallelism());
        }
        if (job.checkpointInterval() != null) {
            env.enableCheckpointing(job.checkpointInterval().toMillis());
        }
        // Added to the parameters the cluster's pipeline.global-job-parameters may already hold.
        Map<String, String> parameters = new HashMap<>(env.getConfig().getGlobalJobParameters().toMap());
        parameters.putAll(JobParameters.of(settings));
        env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(parameters));
    }
}
