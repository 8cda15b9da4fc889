package org.imagesearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.ingest.KafkaMessage;
import org.imagesearch.store.PostgresConnections;

/**
 * Answers one query request. The model is loaded once per parallel subtask in {@link #open}; every
 * failure (bad JSON, bad query, unknown id, bad image, database error) becomes an error answer with its
 * reason, so no request can fail the job. A lost database connection is reopened on the next request.
 */
public final class AnswerQueries extends RichMapFunction<KafkaMessage, QueryAnswer> {
    private final Settings.Database database;
    private final Settings.Loader loaderLimits;
    private final String modelFile;
    private final Descriptor descriptor;
    private final int efSearch;
    private final int expansion;
    private transient EmbedderPool embedders;
    private transient ImageSearch search;
    private transient Connection connection;
    private transient Counter errors;

    public AnswerQueries(Settings settings) {
        this.database = settings.database();
        this.loaderLimits = settings.loader();
        this.modelFile = settings.model().path().toString();
        this.descriptor = settings.model().descriptor();
        this.efSearch = settings.search().efSearch();
        this.expansion = settings.search().queryExpansion();
    }

    @Override
    public void open(OpenContext context) {
        embedders = new EmbedderPool(java.nio.file.Path.of(modelFile), descriptor, database.table().dimension(), 1);
        search = new ImageSearch(database.table(), efSearch, expansion, loaderLimits, embedders);
        errors = getRuntimeContext().getMetricGroup().addGroup("imagesearch").counter("query_errors");
    }

    @Override
    public QueryAnswer map(KafkaMessage message) {
        String requestId = null;
        try {
            JsonNode root = QueryJson.read(message.value());
            requestId = QueryJson.requestId(root);
            SearchResult result = search.search(connection(), QueryJson.parse(root));
            return new QueryAnswer(message.key(), QueryJson.answer(requestId, result).toString().getBytes(StandardCharsets.UTF_8));
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
            connection = PostgresConnections.open(database);
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
