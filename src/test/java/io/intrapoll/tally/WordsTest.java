package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void wordsAreCaseFoldedAndEnglishStopWordsLeftOut() {
        assertEquals(
                List.of("hot", "coffee", "kitchen", "please"),
                Words.of("Hot COFFEE in the kitchen, please! More hot coffee.", "en"));
    }

    @Test
    void eachLanguageLeavesOutItsOwnStopWords() {
        assertEquals(
                List.of("mehr", "kaffee", "küche"),
                Words.of("Mehr Kaffee in der Küche, und zwar sofort", "de").subList(0, 3));
        assertFalse(Words.of("Mehr Kaffee in der Küche", "de").contains("der"));
        assertEquals(List.of("plus", "café", "cuisine"), Words.of("Plus de café dans la cuisine", "fr"));
        // An English stop word is a word in German: "the" is kept there.
        assertTrue(Words.of("the Kaffee", "de").contains("the"));
    }

    @Test
    void frenchElisionsAndEnglishPossessivesGoWithTheirWord() {
        assertEquals(List.of("équipe", "esprit"), Words.of("L'équipe a l'esprit", "fr"));
        assertEquals(List.of("team", "spirit"), Words.of("The team's spirit", "en"));
    }

    @Test
    void singleLettersNumbersAndPunctuation() {
        assertEquals(List.of("2027", "roadmap"), Words.of("x 2027 — roadmap?!", "en"));
        assertEquals(List.of(), Words.of("... !!! ---", "en"));
    }

    @Test
    void anAnswerCountsEachOfItsWordsOnce() {
        TallyDeltas deltas = new TallyDeltas();
        PollId poll = new PollId("p");
        deltas.count(poll, TallyDeltas.countedKeys(PollType.OPEN_TEXT, "en", List.of("Coffee, coffee, COFFEE")));
        deltas.count(poll, TallyDeltas.countedKeys(PollType.OPEN_TEXT, "en", List.of("coffee and tea")));
        assertEquals(Map.of("coffee", 2L, "tea", 1L), deltas.votes(poll));
        assertEquals(2L, deltas.ballots().get(poll));
    }

    @Test
    void aHiddenAnswerTakesItsWordsButNotItsBallotAway() {
        TallyDeltas deltas = new TallyDeltas();
        PollId poll = new PollId("p");
        deltas.changeKeys(poll, Words.of("coffee tea", "en"), -1);
        assertEquals(Map.of("coffee", -1L, "tea", -1L), deltas.votes(poll));
        assertEquals(0L, deltas.ballots().get(poll));
    }

    @Test
    void blockedWordsMatchAsTheCloudSplitsThem() {
        assertTrue(Words.containsAny("You IDIOT!", "en", Set.of("idiot")));
        assertFalse(Words.containsAny("idiotic", "en", Set.of("idiot")));
        assertFalse(Words.containsAny("anything", "en", Set.of()));
    }
}
