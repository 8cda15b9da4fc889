package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What a dead letter's copy of a message keeps of the credentials a producer put in it: nothing. */
class PayloadRedactionTest {
    @Test
    void aMessageWithoutCredentialsIsKeptAsItWas() {
        String message = "{ \"id\": 1, \"uri\": \"https://cdn.example.org/a.png\" }";

        assertSame(message, PayloadRedaction.redact(message));
    }

    @Test
    void userInfoAndTheQueryStringOfTheUriGo() {
        assertEquals("{\"id\":1,\"uri\":\"https://***@cdn.example.org/a.png\",\"class\":\"cat\"}", PayloadRedaction.redact(
                "{\"id\":1,\"uri\":\"https://admin:s3cret@cdn.example.org/a.png?X-Amz-Signature=abc#f\",\"class\":\"cat\"}"));
        assertEquals("{\"id\":2,\"uri\":\"https://cdn.example.org/b.jpg\"}",
                PayloadRedaction.redact("{\"id\":2,\"uri\":\"https://cdn.example.org/b.jpg?token=abc\"}"));
    }

    @Test
    void textThatIsNoMessageHasUserInfoAndPasswordParametersMasked() {
        assertEquals("not json https://***@host/x.png password=*** {",
                PayloadRedaction.redact("not json https://u:p@host/x.png password=hunter2 {"));
        assertEquals("{\"id\":1,\"id\":2,\"uri\":\"http://***@h/\"}",
                PayloadRedaction.redact("{\"id\":1,\"id\":2,\"uri\":\"http://u:p@h/\"}"));
    }
}
