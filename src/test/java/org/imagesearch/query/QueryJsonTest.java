package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.json.Json;
import org.imagesearch.store.StoredImage;
import org.junit.jupiter.api.Test;

class QueryJsonTest {

    private static Query parse(String json) throws InvalidQueryException {
        return QueryJson.parse(QueryJson.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String reason(String json) {
        return assertThrows(InvalidQueryException.class, () -> parse(json)).getMessage();
    }

    @Test
    void byIdWithEverythingSet() throws Exception {
        Query q = parse("{\"request_id\":\"r1\",\"id\":42,\"k\":7,\"distance\":\"cosine\",\"ef_search\":150,"
                + "\"filter\":{\"class\":\"cat\",\"metadata\":{\"source\":\"shop\"}}}");
        assertEquals(42, ((QueryTarget.ById) q.target()).id());
        assertEquals(7, q.k());
        assertEquals(DistanceMetric.COSINE, q.distance());
        assertEquals(150, q.efSearch());
        assertEquals("cat", q.filter().label());
        assertEquals("{\"source\":\"shop\"}", q.filter().metadataJson());
    }

    @Test
    void defaultsAreTwentyResultsTheTablesDistanceAndNoFilter() throws Exception {
        Query q = parse("{\"vector\":[1, 2.5, -3]}");
        assertArrayEquals(new float[] {1f, 2.5f, -3f}, ((QueryTarget.ByVector) q.target()).vector());
        assertEquals(Query.DEFAULT_K, q.k());
        assertNull(q.distance());
        assertNull(q.efSearch());
        assertTrue(q.filter().isEmpty());
    }

    @Test
    void imagesComeAsBase64BytesOrAUri() throws Exception {
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8),
                ((QueryTarget.ByImage) parse("{\"image\":{\"bytes\":\"aGVsbG8=\"}}").target()).bytes());
        assertEquals("https://example.org/a.png",
                ((QueryTarget.ByImage) parse("{\"image\":{\"uri\":\"https://example.org/a.png\"}}").target()).uri());
    }

    @Test
    void badQueriesNameWhatIsWrong() {
        assertEquals("give exactly one of \"image\", \"id\" and \"vector\"", reason("{\"k\":3}"));
        assertEquals("give exactly one of \"image\", \"id\" and \"vector\"", reason("{\"id\":1,\"vector\":[1]}"));
        assertEquals("\"id\" must be a 64-bit integer", reason("{\"id\":\"seven\"}"));
        assertEquals("\"vector\" must be a non-empty array of numbers", reason("{\"vector\":[]}"));
        assertEquals("\"vector\" must be a non-empty array of numbers", reason("{\"vector\":[1,\"x\"]}"));
        assertEquals("\"image\" must be an object with exactly one of \"uri\" and \"bytes\"", reason("{\"image\":{}}"));
        assertEquals("\"image.bytes\" is not valid base64", reason("{\"image\":{\"bytes\":\"@@\"}}"));
        assertEquals("k must be in 1..100, got 101", reason("{\"id\":1,\"k\":101}"));
        assertEquals("\"k\" must be an integer", reason("{\"id\":1,\"k\":2.5}"));
        assertEquals("ef_search must be in 1..1000, got 5000", reason("{\"id\":1,\"ef_search\":5000}"));
        assertEquals("\"distance\" must be \"l2\" or \"cosine\"", reason("{\"id\":1,\"distance\":\"manhattan\"}"));
        assertEquals("\"filter\" must be an object", reason("{\"id\":1,\"filter\":\"cat\"}"));
        assertEquals("\"filter.metadata\" must be an object", reason("{\"id\":1,\"filter\":{\"metadata\":[1]}}"));
        assertEquals("a query must be a JSON object", reason("[1,2]"));
        assertTrue(reason("{\"id\":1} trailing").startsWith("not valid JSON"));
    }

    @Test
    void answersAndErrorsHaveTheDocumentedShape() {
        SearchResult result = new SearchResult(List.of(new Hit(7, "cat", 1.25, "{\"record\": 3}"),
                new Hit(8, null, 2.5, null)), 3.14159, null);
        assertEquals("{\"request_id\":\"r1\",\"results\":[{\"id\":7,\"id_str\":\"7\",\"class\":\"cat\",\"distance\":1.25,"
                + "\"metadata\":{\"record\":3}},{\"id\":8,\"id_str\":\"8\",\"class\":null,\"distance\":2.5}],\"took_ms\":3.14}",
                QueryJson.answer("r1", result).toString());
        assertEquals("{\"request_id\":null,\"error\":\"no image with id 9\"}",
                QueryJson.error(null, "no image with id 9").toString());
        assertEquals("r1", QueryJson.requestId(QueryJson.answer("r1", result)));
    }

    @Test
    void anAnswerToASearchByIdSaysWhatTheQueryImageIs() {
        SearchResult byId = new SearchResult(List.of(new Hit(8, "dog", 2.5, null)), 1.0,
                new StoredImage(7, "cat", "{\"record\": 3}"));
        assertEquals("{\"results\":[{\"id\":8,\"id_str\":\"8\",\"class\":\"dog\",\"distance\":2.5}],\"took_ms\":1.0,"
                + "\"query\":{\"id\":7,\"id_str\":\"7\",\"class\":\"cat\",\"metadata\":{\"record\":3}}}",
                QueryJson.answer(null, byId).toString());
    }

    @Test
    void storedMetadataThatCannotBeReadIsLeftOutOfItsHitAndTheAnswerStaysValid() throws Exception {
        String deep = "{\"a\":".repeat(998) + "{}" + "}".repeat(998);
        SearchResult result = new SearchResult(List.of(new Hit(7, "cat", 1.25, deep),
                new Hit(8, "dog", 2.5, "{\"record\": 3}")), 1.0, null);

        String answer = QueryJson.answer("r1", result).toString();

        JsonNode read = Json.MAPPER.readTree(answer);
        assertTrue(read.get("results").get(0).get("metadata_error").asText().contains("nesting depth"), answer);
        assertTrue(read.get("results").get(0).path("metadata").isMissingNode(), answer);
        assertEquals(3, read.get("results").get(1).get("metadata").get("record").asInt());
    }
}
