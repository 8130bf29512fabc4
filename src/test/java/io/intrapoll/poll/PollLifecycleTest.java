package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static Poll draft(String... audience) {
        return Poll.draft(
                PollId.newId(),
                Polls.input("Lunch?", PollType.SINGLE, List.of("Pizza", "Sushi"), List.of(audience)),
                "author",
                NOW);
    }

    @Test
    void newPollIsADraft() {
        assertEquals(PollStatus.DRAFT, draft().status());
    }

    @Test
    void draftOpensClosesAndArchives() {
        Poll poll = draft();
        poll.open();
        assertEquals(PollStatus.OPEN, poll.status());
        poll.close();
        assertEquals(PollStatus.CLOSED, poll.status());
        poll.archive();
        assertEquals(PollStatus.ARCHIVED, poll.status());
    }

    @Test
    void closedPollCanBeReopened() {
        Poll poll = draft();
        poll.open();
        poll.close();
        poll.open();
        assertEquals(PollStatus.OPEN, poll.status());
    }

    @Test
    void transitionsThatAreNotAllowedAreRefused() {
        Poll poll = draft();
        assertThrows(PollStateException.class, poll::close);
        assertThrows(PollStateException.class, poll::archive);
        poll.open();
        assertThrows(PollStateException.class, poll::open);
        assertThrows(PollStateException.class, poll::archive);
        poll.close();
        poll.archive();
        assertThrows(PollStateException.class, poll::open);
        assertThrows(PollStateException.class, poll::close);
        assertThrows(PollStateException.class, poll::archive);
    }

    @Test
    void refusedTransitionSaysWhy() {
        Poll poll = draft();
        var refusal = assertThrows(PollStateException.class, poll::archive);
        assertEquals("invalid-transition", refusal.slug());
        assertTrue(refusal.getMessage().contains("DRAFT"));
    }

    @Test
    void optionsChangeOnlyInDraft() {
        Poll poll = draft();
        poll.change(Polls.change("options", List.of("A", "B", "C")));
        assertEquals(3, poll.options().size());
        poll.open();
        var refusal =
                assertThrows(PollStateException.class, () -> poll.change(Polls.change("options", List.of("X", "Y"))));
        assertEquals("poll-not-draft", refusal.slug());
        assertEquals(3, poll.options().size());
    }

    @Test
    void titleChangesAfterOpening() {
        Poll poll = draft();
        poll.open();
        poll.change(Polls.change("title", "Lunch on Friday?"));
        assertEquals("Lunch on Friday?", poll.title());
    }

    @Test
    void keptOptionKeepsItsId() {
        Poll poll = draft();
        String pizzaId = poll.options().get(0).id();
        poll.change(Polls.changeOptions(List.of(
                new PollInput.OptionInput(pizzaId, "Pizza (Napoli)", null),
                new PollInput.OptionInput(null, "Tacos", null))));
        assertEquals(pizzaId, poll.options().get(0).id());
        assertEquals("Pizza (Napoli)", poll.options().get(0).label());
    }

    @Test
    void audienceDecidesWhoSeesAnOpenPoll() {
        Poll poll = draft("engineering");
        Caller engineer = new Caller("voter1", Set.of(Role.VOTER), Set.of("employees", "engineering"));
        Caller salesperson = new Caller("voter600", Set.of(Role.VOTER), Set.of("employees", "sales"));
        Caller admin = new Caller("admin", Set.of(Role.ADMIN, Role.VOTER), Set.of("admins"));
        Caller owner = new Caller("author", Set.of(Role.AUTHOR, Role.VOTER), Set.of("authors"));
        assertFalse(poll.isVisibleTo(engineer), "drafts are hidden from the audience");
        assertTrue(poll.isVisibleTo(owner));
        assertTrue(poll.isVisibleTo(admin));
        poll.open();
        assertTrue(poll.isVisibleTo(engineer));
        assertFalse(poll.isVisibleTo(salesperson));
        assertTrue(poll.isManageableBy(owner));
        assertFalse(poll.isManageableBy(engineer));
    }

    @Test
    void emptyAudienceMeansEveryone() {
        Poll poll = draft();
        poll.open();
        assertTrue(poll.isVisibleTo(new Caller("voter9", Set.of(Role.VOTER), Set.of("employees"))));
    }
}
