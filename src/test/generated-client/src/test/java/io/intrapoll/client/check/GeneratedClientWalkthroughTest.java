package io.intrapoll.client.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.client.ApiClient;
import io.intrapoll.client.ApiException;
import io.intrapoll.client.api.PollsApi;
import io.intrapoll.client.api.ResultsApi;
import io.intrapoll.client.api.VotesApi;
import io.intrapoll.client.model.OptionInput;
import io.intrapoll.client.model.OptionResult;
import io.intrapoll.client.model.Poll;
import io.intrapoll.client.model.PollInput;
import io.intrapoll.client.model.PollStatus;
import io.intrapoll.client.model.PollType;
import io.intrapoll.client.model.Problem;
import io.intrapoll.client.model.Receipt;
import io.intrapoll.client.model.Results;
import io.intrapoll.client.model.ResultsVisibility;
import io.intrapoll.client.model.VoteRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A poll from its creation to its final results, through nothing but the client that openapi-generator made from
 * the server's /openapi: if the document leaves out a field, an operation or a content type, this does not compile
 * or does not pass. What the server stored is checked again from outside by GeneratedClientIT.
 */
class GeneratedClientWalkthroughTest {

    private static final URI SERVER = URI.create(System.getProperty("intrapoll.url"));

    @Test
    void createChangeOpenVoteFollowAndCloseAPoll() throws Exception {
        PollsApi polls = new PollsApi(clientAs("author"));
        Poll draft = polls.createPoll(new PollInput()
                .title("Generated client " + UUID.randomUUID())
                .type(PollType.SINGLE)
                .addOptionsItem(new OptionInput().label("Pizza"))
                .addOptionsItem(new OptionInput().label("Sushi"))
                .allowVoteChange(true)
                .resultsVisibility(ResultsVisibility.LIVE));
        assertEquals(PollStatus.DRAFT, draft.getStatus());
        assertEquals(2, draft.getOptions().size());

        // A change carries only what changes: the rest keeps its value (the model sends no defaults of its own).
        Poll retitled = polls.changePoll(
                draft.getId(), new PollInput().title("Friday lunch, generated"), "\"" + draft.getVersion() + "\"");
        assertEquals("Friday lunch, generated", retitled.getTitle());
        assertTrue(retitled.getAllowVoteChange());
        assertEquals(2, retitled.getOptions().size());

        Poll open = polls.openPoll(draft.getId(), null);
        assertEquals(PollStatus.OPEN, open.getStatus());
        assertNotNull(open.getOpenedAt());
        String pizza = open.getOptions().get(0).getId();

        // The results stream, opened before the vote: its first event is the results as they stand.
        ApiClient voter = clientAs("voter1");
        try (ResultsStream stream = ResultsStream.follow(voter, open.getId())) {
            assertEquals(0L, stream.next(voter).getTotalBallots());

            VotesApi votes = new VotesApi(voter);
            String idempotencyKey = "walkthrough-" + open.getId();
            Receipt receipt = votes.castVote(open.getId(), new VoteRequest().addOptionIdsItem(pizza), idempotencyKey);
            assertEquals("ACCEPTED", receipt.getStatus());
            assertEquals(open.getId(), receipt.getPollId());
            Receipt repeated =
                    votes.castVote(open.getId(), new VoteRequest().addOptionIdsItem(pizza), idempotencyKey);
            assertEquals(receipt.getReceiptId(), repeated.getReceiptId());

            // A client's mistake comes back as a problem the generated model reads.
            ApiException refused = assertThrows(
                    ApiException.class,
                    () -> votes.castVote(open.getId(), new VoteRequest().addOptionIdsItem("no-such-option"), null));
            assertEquals(422, refused.getCode());
            Problem problem = voter.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
            assertEquals(422, problem.getStatus());
            assertFalse(problem.getErrors().isEmpty(), problem::toString);

            Results counted = stream.nextWith(voter, 1);
            assertEquals(1L, votesFor(counted, pizza));
            report(open.getId(), receipt.getReceiptId());
        }

        Results live = new ResultsApi(voter).getResults(open.getId());
        assertEquals(1L, live.getTotalBallots());
        assertEquals(100.0, optionResult(live, pizza).getPercent());

        assertEquals(PollStatus.CLOSED, polls.closePoll(open.getId(), null).getStatus());
        Results closed = awaitFinal(new ResultsApi(voter), open.getId());
        assertEquals(1L, votesFor(closed, pizza));
        assertEquals(open.getId(), new VotesApi(voter).getMyReceipt(open.getId()).getPollId());
    }

    /** A client of the generated code, signed in as a demo user (password = name) with HTTP Basic. */
    private static ApiClient clientAs(String user) {
        ApiClient client = new ApiClient();
        client.setScheme(SERVER.getScheme());
        client.setHost(SERVER.getHost());
        client.setPort(SERVER.getPort());
        client.setBasePath("");
        client.setConnectTimeout(Duration.ofSeconds(10));
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
        return client;
    }

    private static Results awaitFinal(ResultsApi results, String pollId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Results current = results.getResults(pollId);
        while (!Boolean.TRUE.equals(current.getFinal()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            current = results.getResults(pollId);
        }
        assertTrue(current.getFinal(), current::toString);
        return current;
    }

    private static long votesFor(Results results, String optionId) {
        return optionResult(results, optionId).getVotes();
    }

    private static OptionResult optionResult(Results results, String optionId) {
        return results.getOptions().stream()
                .filter(option -> option.getId().equals(optionId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no option " + optionId + " in " + results));
    }

    /** What GeneratedClientIT checks again without the generated code. */
    private static void report(String pollId, String receiptId) throws IOException {
        Properties report = new Properties();
        report.setProperty("pollId", pollId);
        report.setProperty("receiptId", receiptId);
        try (OutputStream out = Files.newOutputStream(Path.of(System.getProperty("walkthrough.report")))) {
            report.store(out, "GeneratedClientWalkthroughTest");
        }
    }

    /**
     * The SSE URL of streamResults, followed with the generated client's own HTTP client, base URI and sign-in: the
     * generated operation reads a body to its end, and a results stream has none.
     */
    private static final class ResultsStream implements AutoCloseable {

        private final InputStream body;
        private final BufferedReader lines;

        private ResultsStream(InputStream body) {
            this.body = body;
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        static ResultsStream follow(ApiClient client, String pollId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(client.getBaseUri() + "/api/v1/polls/" + ApiClient.urlEncode(pollId)
                                    + "/results/stream"))
                    .header("Accept", "text/event-stream");
            client.getRequestInterceptor().accept(request);
            HttpResponse<InputStream> response = client.getHttpClient()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .startsWith("text/event-stream"));
            return new ResultsStream(response.body());
        }

        /** The data of the next `results` event, as the generated model reads it. */
        Results next(ApiClient client) throws Exception {
            String data = CompletableFuture.supplyAsync(this::nextResultsData).get(15, TimeUnit.SECONDS);
            return client.getObjectMapper().readValue(data, Results.class);
        }

        /** The first `results` event that counts at least this many ballots. */
        Results nextWith(ApiClient client, long ballots) throws Exception {
            Instant deadline = Instant.now().plusSeconds(30);
            Results results = next(client);
            while (results.getTotalBallots() < ballots && Instant.now().isBefore(deadline)) {
                results = next(client);
            }
            assertEquals(ballots, results.getTotalBallots());
            return results;
        }

        private String nextResultsData() {
            try {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:") && "results".equals(event)) {
                        return line.substring("data:".length()).trim();
                    }
                }
                throw new AssertionError("the results stream ended");
            } catch (IOException e) {
                throw new AssertionError("the results stream broke", e);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
