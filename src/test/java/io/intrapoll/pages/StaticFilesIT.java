package io.intrapoll.pages;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pages and assets, served from memory (StaticFiles): as the files are, with what a browser revalidates by. */
class StaticFilesIT extends AgainstTheServer {

    @Test
    void filesAreServedAsTheyAreWithTheirType() throws IOException {
        Api voter = Api.as(Voters.fresh());
        assertFile(Api.anonymous().get("/login.html"), "login.html", "text/html");
        assertFile(Api.anonymous().get("/assets/intrapoll.css"), "assets/intrapoll.css", "text/css");
        assertFile(Api.anonymous().get("/assets/i18n/de.json"), "assets/i18n/de.json", "application/json");
        assertFile(Api.anonymous().get("/assets/icon.svg"), "assets/icon.svg", "image/svg+xml");
        assertFile(voter.get("/app/vote.html"), "app/vote.html", "text/html");
        assertFile(voter.get("/app/"), "app/index.html", "text/html"); // the welcome file
    }

    @Test
    void aBrowserRevalidatesByEtagOrDate() {
        Api.Reply first = Api.anonymous().get("/assets/common.js");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        assertNotNull(etag);
        assertNotNull(lastModified);
        assertEquals(etag, Api.anonymous().get("/assets/common.js").header("ETag"), "the same file, the same tag");
        assertNotEquals(etag, Api.anonymous().get("/assets/vote.js").header("ETag"));

        Api.Reply byTag = Api.anonymous().with("If-None-Match", etag).get("/assets/common.js");
        assertEquals(304, byTag.status());
        assertEquals("", byTag.body());
        assertEquals(
                304,
                Api.anonymous()
                        .with("If-Modified-Since", lastModified)
                        .get("/assets/common.js")
                        .status());
        assertEquals(
                200,
                Api.anonymous()
                        .with("If-None-Match", "\"something-else\"")
                        .get("/assets/common.js")
                        .status());
    }

    @Test
    void headAnswersWithoutTheBody() {
        Api.Reply head = Api.anonymous().send("HEAD", "/login.html", null, null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(
                Api.anonymous().get("/login.html").body().getBytes(StandardCharsets.UTF_8).length,
                Integer.parseInt(head.header("Content-Length")));
    }

    @Test
    void whatIsNotAFileIsNotFound() {
        for (String path : new String[] {
            "/assets/nothing.js", "/assets/", "/assets/i18n", "/nothing.html", "/assets/%2e%2e/WEB-INF/web.xml"
        }) {
            assertProblem(404, Api.anonymous().get(path));
        }
        assertTrue(Api.anonymous().get("/WEB-INF/web.xml").status() == 404, "the descriptor stays private");
        assertEquals(405, Api.anonymous().post("/login.html").status());
        assertEquals(200, Api.anonymous().get("/assets/common.js").status(), "a miss is not remembered as one");
    }

    private static void assertFile(Api.Reply reply, String file, String type) throws IOException {
        assertEquals(200, reply.status(), file);
        assertTrue(reply.contentType().startsWith(type), file + ": " + reply.contentType());
        byte[] expected;
        try (InputStream in = Files.newInputStream(Path.of("src/main/webapp", file))) {
            expected = in.readAllBytes();
        }
        assertEquals(new String(expected, StandardCharsets.UTF_8), reply.body(), file);
    }
}
