package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BallotRulesTest {

    private static final List<String> OPTIONS = List.of("a", "b", "c");

    private static List<String> fields(PollType type, Integer max, String... chosen) {
        return BallotRules.check(type, max, OPTIONS, List.of(chosen)).stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void singleTakesExactlyOneKnownOption() {
        assertEquals(List.of(), fields(PollType.SINGLE, null, "a"));
        assertEquals(List.of("optionIds"), fields(PollType.SINGLE, null, "a", "b"));
        assertEquals(List.of("optionIds"), fields(PollType.SINGLE, null));
        assertEquals(List.of("optionIds[0]"), fields(PollType.SINGLE, null, "z"));
    }

    @Test
    void multipleRespectsMaxChoicesAndRefusesRepeats() {
        assertEquals(List.of(), fields(PollType.MULTIPLE, 2, "a", "c"));
        assertEquals(List.of("optionIds"), fields(PollType.MULTIPLE, 2, "a", "b", "c"));
        assertEquals(List.of("optionIds[1]"), fields(PollType.MULTIPLE, 2, "a", "a"));
        assertEquals(List.of(), fields(PollType.MULTIPLE, null, "a", "b", "c"));
    }

    @Test
    void rankedTakesAllOrAPrefix() {
        assertEquals(List.of(), fields(PollType.RANKED, null, "c", "a", "b"));
        assertEquals(List.of(), fields(PollType.RANKED, null, "b"));
        assertEquals(List.of("optionIds[2]"), fields(PollType.RANKED, null, "a", "b", "a"));
    }

    @Test
    void claimsRoundTripThroughTheCache() {
        var claim = new VoterRegistry.Claim(
                "r-1", "key", 2, Instant.parse("2026-11-28T10:00:00Z"), List.of("a", "b"), false);
        assertEquals(claim, VoterRegistry.Claim.decode(claim.encode()));
        var anonymous = new VoterRegistry.Claim("r-2", null, 1, Instant.parse("2026-11-28T10:00:00Z"), null, true);
        assertEquals(anonymous, VoterRegistry.Claim.decode(anonymous.encode()));
    }

    @Test
    void ballotGroupsRoundTripThroughTheQueue() {
        var ballots = List.of(
                new Ballot(
                        "b1",
                        new PollId("p1"),
                        "voter1",
                        "voter1",
                        List.of("a"),
                        Instant.parse("2026-11-28T10:00:00Z"),
                        1,
                        "b1",
                        "k",
                        true),
                new Ballot(
                        "b2",
                        new PollId("p1"),
                        "p:xyz",
                        null,
                        List.of("b", "c"),
                        Instant.parse("2026-11-28T10:00:01Z"),
                        1,
                        "r2",
                        null,
                        false));
        assertEquals(ballots, BallotMessages.decode(BallotMessages.encode(ballots)));
        String text = BallotMessages.encode(ballots);
        assertEquals(
                "p1",
                Json.createReader(new StringReader(text))
                        .readArray()
                        .getJsonObject(0)
                        .getString("poll"),
                "the poll id is plain text on the queue: " + text);
    }

    @Test
    void anAnonymousBallotsHalvesShareNothingButThePoll() {
        Ballot ballot = new Ballot(
                "ballot-7f3a",
                new PollId("p1"),
                "p:pseudonym-of-alice",
                null,
                List.of("option-b", "option-c"),
                Instant.parse("2026-11-28T10:00:01.123Z"),
                1,
                "receipt-91c2",
                "idempotency-alice",
                true,
                null,
                null,
                null,
                List.of("engineering", "platform-team"));
        String participation = BallotMessages.encode(List.of(ballot.participationHalf()));
        String choices = BallotMessages.encodeChoices(List.of(ballot.choicesHalf()));

        for (String choiceOrId : List.of("option-b", "option-c", "ballot-7f3a", "engineering")) {
            assertFalse(participation.contains(choiceOrId), participation);
        }
        for (String personal : List.of("pseudonym-of-alice", "receipt-91c2", "idempotency-alice", "2026", "10:00")) {
            assertFalse(choices.contains(personal), choices);
        }
        Ballot decoded = BallotMessages.decode(participation).get(0);
        assertTrue(decoded.isParticipationOnly());
        assertEquals(ballot.participationHalf(), decoded);
        assertEquals(List.of(ballot.choicesHalf()), BallotMessages.decodeChoices(choices));
        assertEquals(
                List.of("engineering", "platform-team"),
                BallotMessages.decodeChoices(choices).get(0).groups(),
                "the choices keep the voter's breakdown groups, the participation none");
    }
}
