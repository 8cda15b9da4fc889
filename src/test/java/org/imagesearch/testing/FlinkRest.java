package org.imagesearch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.imagesearch.json.Json;

/**
 * The REST API of a Flink cluster, as its web UI and {@code curl} use it: upload a jar, run a program from it, and
 * read what the job manager says about its jobs, their metrics and task managers; stop a job with a savepoint.
 */
public final class FlinkRest {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(URI base) {
        this.base = base;
    }

    /** Uploads {@code jar} ({@code POST /jars/upload}, multipart) and returns the id to run it by. */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = UUID.randomUUID().toString();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                        + "name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n"),
                HttpRequest.BodyPublishers.ofFile(jar),
                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body));
        return Path.of(answer.get("filename").asText()).getFileName().toString();
    }

    /**
     * Runs {@code entryClass} of an uploaded jar with {@code args} ({@code POST /jars/:id/run}): the job manager runs
     * its {@code main}, which submits the job. {@code parallelism} is the web UI's field, {@code flink run -p}'s
     * counterpart: without it Flink 2.0 takes 1, not the cluster's {@code parallelism.default}. Returns the job's id.
     */
    public String run(String jarId, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        return run(jarId, Json.object().put("entryClass", entryClass).put("parallelism", parallelism)
                .set("programArgsList", Json.MAPPER.valueToTree(args)));
    }

    /** {@link #run} restoring the job's state from {@code savepoint}, as {@code flink run -s} does. */
    public String runFromSavepoint(String jarId, String entryClass, List<String> args, int parallelism,
                                   String savepoint) throws IOException, InterruptedException {
        return run(jarId, Json.object().put("entryClass", entryClass).put("parallelism", parallelism)
                .put("savepointPath", savepoint).set("programArgsList", Json.MAPPER.valueToTree(args)));
    }

    private String run(String jarId, ObjectNode request) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(request))))
                .get("jobid").asText();
    }

    /**
     * Stops the job with a savepoint in {@code directory} ({@code POST /jobs/:id/stop}, {@code flink stop}'s call)
     * and returns the savepoint's path once it is written and the job has finished.
     */
    public String stopWithSavepoint(String jobId, String directory, Duration limit) throws Exception {
        String request = Json.MAPPER.writeValueAsString(Json.object().put("targetDirectory", directory)
                .put("drain", false));
        String trigger = send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)))
                .get("request-id").asText();
        String[] location = new String[1];
        Await.until("the savepoint of " + jobId, limit, () -> {
            JsonNode answer = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (!answer.path("status").path("id").asText().equals("COMPLETED")) {
                return false;
            }
            JsonNode operation = answer.get("operation");
            if (operation.has("failure-cause")) {
                throw new AssertionError("the savepoint failed: " + operation.get("failure-cause"));
            }
            location[0] = operation.get("location").asText();
            return true;
        });
        return location[0];
    }

    /**
     * The sum over every vertex and subtask of the job of the metrics whose name ends with {@code .name}, e.g.
     * {@code imagesearch.indexed}, as the job manager last fetched them ({@code metrics.fetcher.update-interval}).
     */
    public long metricSum(String jobId, String name) throws IOException, InterruptedException {
        long sum = 0;
        for (JsonNode vertex : get("/jobs/" + jobId).get("vertices")) {
            String metrics = "/jobs/" + jobId + "/vertices/" + vertex.get("id").asText() + "/subtasks/metrics";
            for (JsonNode metric : get(metrics)) {
                String id = metric.get("id").asText();
                if (id.endsWith("." + name)) {
                    sum += get(metrics + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                            .get(0).get("sum").asLong();
                }
            }
        }
        return sum;
    }

    /** {@code GET path}, e.g. {@code /overview}, {@code /jobs/:id}, {@code /jobs/:id/config}. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? Json.object() : Json.MAPPER.readTree(response.body());
    }
}
