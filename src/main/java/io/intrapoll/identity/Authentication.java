package io.intrapoll.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * What a request's sign-in is and how long it holds, for what outlives the request (a results stream): it must end
 * when the sign-in does.
 *
 * @param caller who signed in
 * @param fromRegistry whether its groups are the user registry's (a token's are the token's own)
 * @param sessionId the browser session it came with (its end, by sign-out or idling, ends what it opened); empty
 *     for API clients
 * @param validUntil when the sign-in ends by itself (a session's lifetime, a token's expiry); empty for Basic,
 *     whose password is checked again with every request
 */
public record Authentication(
        Caller caller, boolean fromRegistry, Optional<String> sessionId, Optional<Instant> validUntil) {

    public boolean hasExpired(Instant now) {
        return validUntil.isPresent() && !now.isBefore(validUntil.get());
    }

    public boolean cameWith(String session) {
        return sessionId.isPresent() && sessionId.get().equals(session);
    }
}
