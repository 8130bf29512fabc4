package io.intrapoll.response;

import io.intrapoll.tally.Words;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code intrapoll.moderation.blocked-words}: an answer containing one of them is held (counted, but neither listed
 * to voters nor in the word cloud) until a moderator shows it. Words compare as the word cloud splits them, so
 * "Idiot!" matches "idiot".
 */
@ApplicationScoped
public class BlockedWords {

    @Inject
    @ConfigProperty(name = "intrapoll.moderation.blocked-words")
    Optional<String> configured;

    private Set<String> blocked = Set.of();

    @PostConstruct
    void read() {
        blocked = configured
                .map(list -> Arrays.stream(list.split(","))
                        .map(word -> word.strip().toLowerCase(Locale.ROOT))
                        .filter(word -> !word.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** Whether an answer in this language is held for a moderator. */
    public boolean holds(String text, String language) {
        return Words.containsAny(text, language, blocked);
    }
}
