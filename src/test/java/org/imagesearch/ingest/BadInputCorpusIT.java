package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.json.Json;
import org.imagesearch.testing.ImageServer;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.Kcat;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad input, each kind a named case with its expected outcome, sent with kcat (another Kafka client
 * than the JVM's) through the real ingest job with good messages in between. Every message must end as a row or
 * as a dead letter of the expected stage, none lost, the job never restarted, no dead letter showing a password.
 */
@ExtendWith(RealServices.class)
class BadInputCorpusIT {
    private static final String INDEXED = "indexed";
    private static final String PASSWORD = "s3cr3t-pa55";

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private final List<Case> cases = new ArrayList<>();
    private long nextId = 1000;

    /** One message: the Kafka key (unique, so its dead letter is found by key), the value, what must become of it. */
    private record Case(String name, String expected, String reason, long id, String key, byte[] value) {}

    @Test
    void everyBadMessageBecomesADeadLetterOfItsStageAndNoneIsLost(TestServices services, @TempDir Path root,
            @TempDir Path outside) throws Exception {
        List<DatasetImage> images = TestImages.cifar(4);
        HttpServer http = ImageServer.start(images.get(0).bytes());
        Settings settings = IngestJobs.settings(services, "corpus", 2, "--file-roots", root.toString(), "--allow-networks", "127.0.0.0/8",
                "--http-read-timeout-ms", "1000", "--max-pixels", "4000000");
        addCases(images, root, outside, ImageServer.base(http));

        Kcat kcat = Kcat.at(settings.kafka().bootstrapServers());
        JobClient job = IngestJobs.start(settings);
        try (TopicReader deadLetters = new TopicReader(settings.kafka().bootstrapServers(), settings.kafka().deadLetterTopic())) {
            for (Case c : cases) {
                kcat.send(settings.kafka().topic(), c.key(), c.value());
            }
            // Lost messages never resolve: wait a bounded time, then report every case that is not as expected.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outcomes(settings, deadLetters).size() < cases.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Map<String, JsonNode> letters = deadLettersByKey(deadLetters);
            Map<String, String> outcomes = outcomes(settings, deadLetters);
            int indexed = (int) outcomes.values().stream().filter(INDEXED::equals).count();
            int deadLettered = letters.size();
            int restarts = restarts(job);
            System.out.printf("corpus: tried %d / indexed %d / dead-lettered %d / lost %d / restarts %d%n",
                    cases.size(), indexed, deadLettered, cases.size() - indexed - deadLettered, restarts);

            List<String> unexpected = new ArrayList<>();
            for (Case c : cases) {
                JsonNode letter = letters.get(c.key());
                String reason = letter == null ? "" : letter.get("reason").asText();
                if (!c.expected().equals(outcomes.get(c.key())) || !reason.contains(c.reason())) {
                    unexpected.add(c.name() + ": expected " + c.expected() + " '" + c.reason() + "', got "
                            + outcomes.get(c.key()) + " '" + reason + "'");
                }
                assertFalse(letter != null && letter.toString().contains(PASSWORD), c.name() + " shows the password: " + letter);
            }
            assertEquals(List.of(), unexpected);
            assertEquals(cases.size(), indexed + deadLettered, "lost messages");
            assertEquals(0, restarts, "job restarts");
            assertFalse(job.getJobStatus().get().isGloballyTerminalState());
        } finally {
            job.cancel().get();
            http.stop(0);
        }
    }

    private void addCases(List<DatasetImage> images, Path root, Path outside, String web) throws Exception {
        byte[] png = images.get(1).bytes();
        byte[] jpeg = TestImages.fixture("images/upright.jpg");
        Files.write(root.resolve("good.png"), png);
        Files.write(root.resolve("empty.png"), new byte[0]);
        Files.createDirectory(root.resolve("folder.png"));
        Files.write(outside.resolve("secret.png"), png);
        Files.createSymbolicLink(root.resolve("link.png"), outside.resolve("secret.png"));
        Path fifo = root.resolve("fifo.png");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String files = root.toUri().toString();

        good("good inline PNG", images.get(2).bytes());
        parse("empty value", "empty message", new byte[0]);
        parse("null value (tombstone)", "empty message", null);
        parse("whitespace", "must be a JSON object", text(" \n\t "));
        parse("not JSON", "not valid JSON", text("hello"));
        parse("JSON array", "must be a JSON object", text("[1,2]"));
        parse("JSON string", "must be a JSON object", text("\"abc\""));
        parse("JSON number", "must be a JSON object", text("42"));
        parse("trailing garbage", "not valid JSON", text("{\"id\":" + nextId + ",\"uri\":\"" + files + "good.png\"} x"));
        parse("duplicate keys", "Duplicate field", text("{\"id\":" + nextId + ",\"id\":" + nextId + ",\"uri\":\"x\"}"));
        goodMessage("good file URI", text("{\"id\":" + nextId + ",\"uri\":\"" + files + "good.png\"}"));
        parse("missing id", "missing \"id\"", text("{\"uri\":\"" + files + "good.png\"}"));
        parse("id as float", "\"id\" must be a 64-bit integer", text("{\"id\":1.5,\"uri\":\"x\"}"));
        parse("id above 2^63", "\"id\" must be a 64-bit integer", text("{\"id\":9223372036854775808,\"uri\":\"x\"}"));
        parse("id string with letters", "\"id\" must be a 64-bit integer", text("{\"id\":\"12ab\",\"uri\":\"x\"}"));
        add("negative id", INDEXED, "", -nextId, Long.toString(-nextId), TestMessages.inline(-nextId, png));
        parse("unknown op", "\"op\" must be", json("\"op\":\"merge\",\"uri\":\"" + files + "good.png\""));
        parse("delete with extra fields", "a delete carries only", json("\"op\":\"delete\",\"uri\":\"" + files + "good.png\""));
        parse("both uri and bytes", "exactly one of", json("\"uri\":\"" + files + "good.png\",\"bytes\":\"" + base64(png) + "\""));
        parse("neither uri nor bytes", "exactly one of", json("\"class\":\"cat\""));
        parse("bytes not base64", "not valid base64", json("\"bytes\":\"@@@!\""));
        parse("bytes empty", "\"bytes\" is empty", json("\"bytes\":\"\""));
        goodMessage("good over HTTP", TestMessages.uri(nextId, web + "/good.png"));
        decode("bytes of text", "not a supported image format", TestMessages.inline(nextId, text("just some text")));
        decode("truncated PNG", "damaged or truncated", TestMessages.inline(nextId, Arrays.copyOf(png, png.length / 2)));
        decode("truncated JPEG", "damaged or truncated", TestMessages.inline(nextId, Arrays.copyOf(jpeg, jpeg.length / 2)));
        decode("zero-byte file", "not a supported image format", TestMessages.uri(nextId, files + "empty.png"));
        decode("pixel bomb header", "more than the limit of 4000000", TestMessages.inline(nextId, pngHeader(100_000, 100_000)));
        good("GIF", TestImages.encode(TestImages.decode(png), "gif"));
        good("BMP", TestImages.encode(TestImages.decode(png), "bmp"));
        good("WebP", TestImages.fixture("images/lossy.webp"));
        good("CMYK JPEG", TestImages.fixture("images/cmyk.jpg"));
        good("EXIF-rotated JPEG", TestImages.fixture("images/orientation-6.jpg"));
        good("16-bit grey PNG", grey16());
        good("palette PNG with alpha", paletteWithAlpha());
        load("file outside the roots", "outside the configured roots", TestMessages.uri(nextId, outside.resolve("secret.png").toUri().toString()));
        load("'..' traversal", "outside the configured roots", TestMessages.uri(nextId, files + "../" + outside.getFileName() + "/secret.png"));
        load("symlink out of the root", "outside the configured roots", TestMessages.uri(nextId, files + "link.png"));
        load("directory", "not a regular file", TestMessages.uri(nextId, files + "folder.png"));
        load("FIFO", "not a regular file", TestMessages.uri(nextId, fifo.toUri().toString()));
        load("missing file", "file not found", TestMessages.uri(nextId, files + "missing.png"));
        load("ftp: scheme", "unsupported URI scheme 'ftp'", TestMessages.uri(nextId, "ftp://127.0.0.1/a.png"));
        load("data: scheme", "unsupported URI scheme 'data'", TestMessages.uri(nextId, "data:image/png;base64," + base64(png)));
        load("javascript: scheme", "unsupported URI scheme 'javascript'", TestMessages.uri(nextId, "javascript:alert(1)"));
        load("URI with user:password", "HTTP 404", TestMessages.uri(nextId, web.replace("//", "//admin:" + PASSWORD + "@") + "/missing.png"));
        load("HTTP 404", "HTTP 404", TestMessages.uri(nextId, web + "/missing.png"));
        load("slow server", "timed out", TestMessages.uri(nextId, web + "/slow.png"));
        load("unreachable port", "cannot fetch", TestMessages.uri(nextId, "http://127.0.0.1:1/a.png"));
        // refused by address before any connection is made: nothing leaves loopback
        load("private address", "refused address 10.0.0.1", TestMessages.uri(nextId, "http://10.0.0.1/a.png"));
        load("redirect to the metadata address", "refused address 169.254.169.254", TestMessages.uri(nextId, web + "/to-metadata.png"));
        goodMessage("control characters in class", json("\"class\":\"c\\u0001a\\u0007t\\t\",\"bytes\":\"" + base64(png) + "\""));
        parse("lone surrogate in class (raw bytes)", "\"class\" contains a lone", loneSurrogateInClass());
        parse("NUL in metadata", "\"metadata\" contains a NUL", json("\"uri\":\"x\",\"metadata\":{\"a\":\"x\\u0000y\"}"));
        parse("1e400 in metadata", "\"metadata\" contains a number too large", json("\"uri\":\"x\",\"metadata\":{\"a\":1e400}"));
        parse("deep metadata", "\"metadata\" is nested 999 levels deep", json("\"uri\":\"" + files + "good.png\",\"metadata\":"
                + "{\"a\":".repeat(998) + "{}" + "}".repeat(998)));
        parse("big metadata", "more than the limit of 16384", json("\"uri\":\"" + files + "good.png\",\"metadata\":{\"a\":\"" + "x".repeat(900_000) + "\"}"));
        parse("830 KB non-JSON value", "not valid JSON", randomBytes(830 * 1024));
        byte[] control = new byte[200 * 1024];
        Arrays.fill(control, (byte) 1);
        parse("200 KB of control characters", "not valid JSON", control);
        add("huge key", INDEXED, "", nextId, "k".repeat(100_000) + nextId, TestMessages.inline(nextId, png));
        add("key differing from the id", INDEXED, "", nextId, "not-the-id-" + nextId, TestMessages.inline(nextId, png));
        good("good inline PNG at the end", images.get(3).bytes());
    }

    private void add(String name, String expected, String reason, long id, String key, byte[] value) {
        cases.add(new Case(name, expected, reason, id, key, value));
        nextId++;
    }

    /** A case carrying {@code image} inline, which must be indexed. */
    private void good(String name, byte[] image) {
        goodMessage(name, TestMessages.inline(nextId, image));
    }

    private void goodMessage(String name, byte[] message) {
        add(name, INDEXED, "", nextId, Long.toString(nextId), message);
    }

    private void parse(String name, String reason, byte[] value) {
        add(name, "parse", reason, nextId, Long.toString(nextId), value);
    }

    private void load(String name, String reason, byte[] value) {
        add(name, "load", reason, nextId, Long.toString(nextId), value);
    }

    private void decode(String name, String reason, byte[] value) {
        add(name, "decode", reason, nextId, Long.toString(nextId), value);
    }

    /** A message with this case's id and {@code fields}. */
    private byte[] json(String fields) {
        return text("{\"id\":" + nextId + "," + fields + "}");
    }

    /** Each case's outcome by key: "indexed" when its id has a row, else its dead letter's stage; unresolved ones absent. */
    private Map<String, String> outcomes(Settings settings, TopicReader deadLetters) throws Exception {
        Map<String, String> outcomes = new HashMap<>();
        deadLettersByKey(deadLetters).forEach((key, letter) -> outcomes.put(key, letter.get("stage").asText()));
        Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
        for (Case c : cases) {
            if (c.expected().equals(INDEXED) && rows.containsKey(c.id())) {
                outcomes.putIfAbsent(c.key(), INDEXED);
            }
        }
        return outcomes;
    }

    private static Map<String, JsonNode> deadLettersByKey(TopicReader deadLetters) throws Exception {
        List<JsonNode> letters = deadLetters.poll();
        Map<String, JsonNode> byKey = new HashMap<>();
        for (int i = 0; i < letters.size(); i++) {
            byKey.put(new String(deadLetters.keys().get(i), StandardCharsets.UTF_8), letters.get(i));
        }
        return byKey;
    }

    /**
     * The job's restart count, Flink's numRestarts metric read from the MiniCluster's REST API. The REST server
     * fetches metrics in the background, so the first requests may find none yet.
     */
    private static int restarts(JobClient job) throws Exception {
        int port = FLINK.getClientConfiguration().get(RestOptions.PORT);
        URI uri = URI.create("http://127.0.0.1:" + port + "/jobs/" + job.getJobID() + "/metrics?get=numRestarts");
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String body = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode metrics = Json.MAPPER.readTree(body);
            if (metrics.size() == 1) {
                return metrics.get(0).get("value").asInt();
            }
            assertTrue(System.nanoTime() < deadline, "no numRestarts metric: " + body);
            Thread.sleep(500);
        }
    }

    /** The signature and IHDR chunk of a PNG claiming {@code width} x {@code height} pixels, and nothing more. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(chunk.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(chunk.array()).putInt((int) crc.getValue()).array();
    }

    private static byte[] grey16() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                image.getRaster().setSample(x, y, 0, (x * 1600 + y * 50) & 0xffff);
            }
        }
        return TestImages.encode(image, "png");
    }

    private static byte[] paletteWithAlpha() throws Exception {
        byte[] levels = {0, (byte) 128, (byte) 255, 64};
        IndexColorModel palette = new IndexColorModel(2, 4, levels, levels, levels, new byte[] {0, (byte) 128, (byte) 255, 32});
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                image.getRaster().setSample(x, y, 0, (x / 12 + y / 12) % 4);
            }
        }
        return TestImages.encode(image, "png");
    }

    /** A message whose class holds the bytes ED A0 80: a UTF-16 surrogate encoded on its own, not valid UTF-8. */
    private byte[] loneSurrogateInClass() {
        byte[] message = json("\"uri\":\"x\",\"class\":\"a___\"");
        int at = new String(message, StandardCharsets.UTF_8).indexOf("___");
        message[at] = (byte) 0xED;
        message[at + 1] = (byte) 0xA0;
        message[at + 2] = (byte) 0x80;
        return message;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(3).nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
