package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest job submitted as a cluster submission without {@code --check-on-submit} leaves it: nothing checked or
 * created by the client. Its tasks create the table when the sink opens, and a missing model or a table the job
 * cannot use fails the job with the reason.
 */
@ExtendWith(RealServices.class)
class IngestJobOpenIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private final TestServices services;

    IngestJobOpenIT(TestServices services) {
        this.services = services;
    }

    @Test
    void theSinkCreatesItsTableWhenItOpens() throws Exception {
        Settings settings = IngestJobs.unprepared(services, "open_creates", 2);
        List<DatasetImage> images = TestImages.cifar(4);

        JobClient job = IngestJob.fromSettings(settings).start(withoutRestarts());
        try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
            for (int id = 0; id < images.size(); id++) {
                publisher.send(id, IngestMessageWriter.upsert(id, images.get(id)));
            }
            publisher.flush();
            Await.until("every row", LIMIT, () -> tableExists(settings) && TableRows.count(settings.database()) == 4);
            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            for (long id = 0; id < images.size(); id++) {
                assertEquals(images.get((int) id).label(), rows.get(id).label());
                assertEquals(settings.database().table().dimension(), rows.get(id).vector().length);
            }
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aMissingModelFailsTheJobWithItsPath() throws Exception {
        Settings settings = IngestJobs.unprepared(services, "open_model", 1, "--model", "/nowhere/squeezenet.pt");

        String failure = failureOf(IngestJob.fromSettings(settings).start(withoutRestarts()));

        assertTrue(failure.contains("model file not found: /nowhere/squeezenet.pt"), failure);
    }

    @Test
    void aTableOfAnotherDimensionFailsTheJobWithTheReason() throws Exception {
        Settings settings = IngestJobs.unprepared(services, "open_table", 1);
        try (Connection c = PostgresConnections.open(settings.database()); Statement statement = c.createStatement()) {
            statement.execute("CREATE TABLE " + settings.database().table().name()
                    + " (id bigint PRIMARY KEY, image_vector vector(3) NOT NULL)");
        }

        String failure = failureOf(IngestJob.fromSettings(settings).start(withoutRestarts()));

        assertTrue(failure.contains("table " + settings.database().table().name()
                + " stores vector(3) but the configured dimension needs vector(512)"), failure);
    }

    /** A failure is final here, so the job ends with the first one's reason. */
    private static StreamExecutionEnvironment withoutRestarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }

    /** Every message of the job's failure and its causes. */
    private static String failureOf(JobClient job) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.getJobExecutionResult().get());
        return ExceptionUtils.stringifyException(e);
    }

    private static boolean tableExists(Settings settings) throws Exception {
        try (Connection c = PostgresConnections.open(settings.database());
             ResultSet rs = c.getMetaData().getTables(null, null, settings.database().table().name(), null)) {
            return rs.next();
        }
    }
}
