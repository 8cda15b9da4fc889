package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void uriKeepsSchemeHostPortAndPathOnly() {
        assertEquals("https://example.com:8443/a/b.png",
                Redaction.uri(URI.create("https://u:p@example.com:8443/a/b.png?k=v#frag")));
        assertEquals("http://example.com/x.png", Redaction.uri(URI.create("http://example.com/x.png")));
    }

    @Test
    void referenceThatIsNoUriLosesUserInfoAndQuery() {
        assertEquals("http://***@exa mple.com/a.png", Redaction.reference("http://user:secret@exa mple.com/a.png?token=abc"));
        assertEquals("http://***@host/a b.png", Redaction.reference("http://u:pa/ss@host/a b.png#frag"));
        assertEquals("not a uri", Redaction.reference("not a uri"));
    }

    @Test
    void textMasksJdbcPasswordsAndUserInfo() {
        assertEquals("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***&ssl=true",
                Redaction.text("jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret&ssl=true"));
        assertEquals("cannot use jdbc:postgresql://***@db:5432/x: refused",
                Redaction.text("cannot use jdbc:postgresql://u:secret@db:5432/x: refused"));
        assertEquals("PASSWORD=*** ; x", Redaction.text("PASSWORD=secret ; x"));
    }
}
