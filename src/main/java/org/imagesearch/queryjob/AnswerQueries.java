package org.imagesearch.queryjob;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.InvalidQueryException;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryJson;
import org.imagesearch.query.SearchResult;
import org.imagesearch.query.UnknownImageException;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.TableReadiness;

/**
 * Answers one query request, from the table the configured table's alias points to (followed: a switch reaches the
 * job within a few seconds). {@link #open} loads the model once per parallel subtask and fails unless that table is
 * empty or holds vectors made the way query images are embedded: answers that look valid and are not would be
 * worse than none. Every failure after that (bad JSON, bad query, unknown id, bad image, database error) becomes
 * an error answer with its reason, so no request can fail the job; so does an answer too large for the results
 * topic. A lost database connection is reopened on the next request.
 */
public final class AnswerQueries extends RichMapFunction<KafkaMessage, QueryAnswer> {
    private final Settings settings;
    private final int maxAnswerBytes;
    private transient EmbedderPool embedders;
    private transient ImageSearch search;
    private transient Connection connection;
    private transient Counter errors;

    /** {@code maxAnswerBytes} bounds an answer's key and value together, as the results topic's record limit does. */
    public AnswerQueries(Settings settings, int maxAnswerBytes) {
        this.settings = settings;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    @Override
    public void open(OpenContext context) {
        TableReadiness.requireDescriptor(settings.database(), settings.model().tag());
        embedders = new EmbedderPool(settings.modelSpec(), 1);
        search = ImageSearch.following(settings, QueryImageEmbedder.using(embedders, settings.loader()));
        errors = getRuntimeContext().getMetricGroup().addGroup("imagesearch").counter("query_errors");
    }

    @Override
    public QueryAnswer map(KafkaMessage message) {
        String requestId = null;
        try {
            JsonNode root = QueryJson.read(message.value());
            requestId = QueryJson.requestId(root);
            SearchResult result = search.search(connection(), QueryJson.parse(root));
            byte[] answer = QueryJson.answer(requestId, result).toString().getBytes(StandardCharsets.UTF_8);
            int size = answer.length + (message.key() == null ? 0 : message.key().length);
            if (size > maxAnswerBytes) {
                return error(message, requestId, "the answer is " + size + " bytes, more than the limit of "
                        + maxAnswerBytes + " the results topic takes; ask for fewer results");
            }
            return new QueryAnswer(message.key(), answer);
        } catch (InvalidQueryException | UnknownImageException e) {
            return error(message, requestId, e.getMessage());
        } catch (SQLException e) {
            closeConnection();
            return error(message, requestId, "database error: " + e.getMessage());
        } catch (RuntimeException e) {
            return error(message, requestId, "internal error: " + e);
        }
    }

    private QueryAnswer error(KafkaMessage message, String requestId, String reason) {
        errors.inc();
        return new QueryAnswer(message.key(), QueryJson.error(requestId, reason).toString().getBytes(StandardCharsets.UTF_8));
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = PostgresConnections.open(settings.database());
        }
        return connection;
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the connection is being replaced because it failed
        }
        connection = null;
    }

    @Override
    public void close() throws Exception {
        closeConnection();
        if (embedders != null) {
            embedders.close();
        }
    }
}
