package org.imagesearch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.imagesearch.json.Json;

/**
 * The REST API of a Flink cluster, as its web UI and {@code curl} use it: upload a jar, run a program from it, and
 * read what the job manager says about its jobs and task managers.
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
        String request = Json.MAPPER.writeValueAsString(Json.object().put("entryClass", entryClass)
                .put("parallelism", parallelism).set("programArgsList", Json.MAPPER.valueToTree(args)));
        return send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)))
                .get("jobid").asText();
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
