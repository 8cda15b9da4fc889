package org.imagesearch.watch;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.imagesearch.config.Settings;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.store.VectorRecord;

/** The ingest job's branch for watchlists: match each row change, keep each pair's first alert, send it once. */
public final class WatchAlerts {
    private WatchAlerts() {}

    /** The production sink: exactly once on the alert topic, transactions named after the group and the table. */
    public static Sink<Alert> sink(Settings settings) {
        Settings.Kafka kafka = settings.kafka();
        return KafkaConnectors.exactlyOnceSink(kafka, new AlertSerializer(kafka.alertTopic()),
                kafka.groupId() + "-" + settings.database().table().name() + "-alerts");
    }

    /** Adds the branch after {@code rows}, the changes the vector table of {@code database} is sent. */
    public static void attach(DataStream<VectorRecord> rows, Settings.Database database, Sink<Alert> alerts) {
        rows.flatMap(new MatchWatches(database)).name("match-watches").uid("match-watches")
                .keyBy(Alert::pair)
                .process(new FirstAlertOnly()).name("first-alert-only").uid("first-alert-only")
                .sinkTo(alerts).name("alerts").uid("alerts");
    }
}
