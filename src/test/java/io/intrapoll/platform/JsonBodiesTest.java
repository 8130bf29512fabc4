package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.intrapoll.vote.VoteRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A body (here a vote's) is read whatever its size up to the limit; its malformations are 400s. */
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
        List<String> many = Collections.nCopies(2_000, "option");
        String json = "{\"optionIds\": [\"" + String.join("\", \"", many) + "\"]}";
        assertEquals(
                many,
                JsonBodies.read(body(json, StandardCharsets.UTF_8), VoteRequest.class)
                        .optionIds());
    }

    @Test
    void readsBodiesThatFillItsBufferExactly() {
        for (int size : List.of(255, 256, 257, 511, 512, 513)) {
            String prefix = "{\"text\": \"";
            String text = "x".repeat(size - prefix.length() - 2);
            String json = prefix + text + "\"}";
            assertEquals(size, json.length());
            assertEquals(
                    text,
                    JsonBodies.read(body(json, StandardCharsets.UTF_8), VoteRequest.class)
                            .text());
        }
    }

    @Test
    void theShortestBodiesAreRefusedAsJsonPRefusesThem() {
        for (String json : List.of("", " ", "1")) {
            ProblemException refused = assertThrows(
                    ProblemException.class,
                    () -> JsonBodies.read(body(json, StandardCharsets.UTF_8), VoteRequest.class));
            assertEquals(
                    "The body could not be read as JSON.", refused.problem().detail(), "'" + json + "'");
        }
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
