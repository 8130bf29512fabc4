package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.intrapoll.vote.VoteRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A body (here a vote's) is read the same whatever its encoding JSON-P recognizes, and whatever its size up to the limit. */
class JsonBodiesTest {

    private static InputStream body(String json, Charset charset) {
        return new ByteArrayInputStream(json.getBytes(charset));
    }

    @Test
    void readsUtf8WithCharactersBeyondAscii() {
        VoteRequest answer =
                JsonBodies.read(body("{\"text\": \"Café ☕ 🎉\"}", StandardCharsets.UTF_8), VoteRequest.class);
        assertEquals("Café ☕ 🎉", answer.text());
    }

    @Test
    void aBodyInUtf16IsABadRequest() {
        // JSON between systems is UTF-8 (RFC 8259); other encodings go to JSON-P's own detection, and are refused.
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16)) {
            ProblemException refused = assertThrows(
                    ProblemException.class,
                    () -> JsonBodies.read(body("{\"text\": \"Café\"}", charset), VoteRequest.class));
            assertEquals(400, refused.problem().status(), charset.name());
        }
    }

    @Test
    void readsBodiesLargerThanItsFirstBuffer() {
        List<String> many = java.util.Collections.nCopies(2_000, "option");
        String json = "{\"optionIds\": [\"" + String.join("\", \"", many) + "\"]}";
        assertEquals(
                many,
                JsonBodies.read(body(json, StandardCharsets.UTF_8), VoteRequest.class)
                        .optionIds());
    }

    @Test
    void emptyAndMalformedBodiesAreBadRequests() {
        for (String json : List.of("", " ", "{", "[]", "\"a\"")) {
            ProblemException refused = assertThrows(
                    ProblemException.class,
                    () -> JsonBodies.read(body(json, StandardCharsets.UTF_8), VoteRequest.class));
            assertEquals(400, refused.problem().status(), json);
        }
    }
}
