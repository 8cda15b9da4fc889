package org.imagesearch.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.imagesearch.kafka.KafkaMessage;

/** Parses a raw Kafka message; a malformed one becomes a {@link Stage#PARSE} dead letter. */
public final class ParseMessage extends ProcessFunction<KafkaMessage, ParsedMessage> {
    private transient IngestMessageParser parser;

    @Override
    public void open(OpenContext context) {
        parser = new IngestMessageParser();
    }

    @Override
    public void processElement(KafkaMessage raw, Context ctx, Collector<ParsedMessage> out) {
        try {
            IngestMessage message = parser.parse(raw.value());
            out.collect(new ParsedMessage(raw, message, versionOf(message, raw)));
        } catch (MalformedMessageException e) {
            ctx.output(DeadLetter.SIDE_OUTPUT, DeadLetter.of(raw, Stage.PARSE, e.getMessage(), e.id()));
        }
    }

    /**
     * The message's own {@code version}, else its record's timestamp (CreateTime, set by every producer):
     * the table keeps, per id, the change with the highest version, whatever partition it came through.
     */
    private static long versionOf(IngestMessage message, KafkaMessage raw) throws MalformedMessageException {
        if (message.version() != null) {
            return message.version();
        }
        if (raw.timestamp() < 0) {
            throw new MalformedMessageException("no \"version\" in the message and no timestamp on its Kafka record",
                    message.id());
        }
        return raw.timestamp();
    }
}
