package org.imagesearch.watch;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.imagesearch.config.Settings;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.store.VectorRecord;

/** The ingest job's branch for watchlists: match each row change, keep each pair's first alert, send it once. */
public final class WatchAlerts {
    private WatchAlerts() {}

    /** Adds the branch after {@code rows}, the changes the vector table is sent. */
    public static void attach(DataStream<VectorRecord> rows, Settings settings) {
        Settings.Kafka kafka = settings.kafka();
        rows.flatMap(new MatchWatches(settings.database())).name("match-watches").uid("match-watches")
                .keyBy(Alert::pair)
                .process(new FirstAlertOnly()).name("first-alert-only").uid("first-alert-only")
                .sinkTo(KafkaConnectors.exactlyOnceSink(kafka, new AlertSerializer(kafka.alertTopic()),
                        kafka.groupId() + "-" + settings.database().table().name() + "-alerts"))
                .name("alerts").uid("alerts");
    }
}
