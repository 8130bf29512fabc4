package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import java.util.Set;

/**
 * What a ballot is checked against: a poll's shape, status and audience, small enough to cache on every node.
 * It also holds the rules of who sees a poll, which {@link Poll} applies too.
 */
public record PollSnapshot(
        String id,
        PollType type,
        Integer maxChoices,
        List<String> optionIds,
        PollStatus status,
        boolean anonymous,
        boolean allowVoteChange,
        String createdBy,
        Set<String> audienceGroups) {

    public PollSnapshot {
        optionIds = List.copyOf(optionIds);
        audienceGroups = Set.copyOf(audienceGroups);
    }

    static PollSnapshot of(Poll poll) {
        return new PollSnapshot(
                poll.id().value(),
                poll.type(),
                poll.maxChoices(),
                poll.options().stream().map(PollOption::id).toList(),
                poll.status(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.createdBy(),
                poll.audienceGroups());
    }

    public boolean isOwnedBy(Caller caller) {
        return createdBy.equals(caller.name());
    }

    /** Admins and owners see every poll; others see non-drafts whose audience includes them. */
    public boolean isVisibleTo(Caller caller) {
        return caller.isAdmin() || isOwnedBy(caller) || (status != PollStatus.DRAFT && isInAudience(caller));
    }

    public boolean isInAudience(Caller caller) {
        return audienceGroups.isEmpty() || audienceGroups.stream().anyMatch(caller::isInGroup);
    }

    public boolean isManageableBy(Caller caller) {
        return caller.isAdmin() || (isOwnedBy(caller) && caller.isAuthor());
    }

    String encode() {
        JsonArrayBuilder options = Json.createArrayBuilder();
        optionIds.forEach(options::add);
        JsonArrayBuilder groups = Json.createArrayBuilder();
        audienceGroups.forEach(groups::add);
        var json = Json.createObjectBuilder()
                .add("id", id)
                .add("type", type.name())
                .add("options", options)
                .add("status", status.name())
                .add("anonymous", anonymous)
                .add("allowVoteChange", allowVoteChange)
                .add("createdBy", createdBy)
                .add("audience", groups);
        if (maxChoices != null) {
            json.add("maxChoices", maxChoices);
        }
        return json.build().toString();
    }

    static PollSnapshot decode(String text) {
        JsonObject json = Json.createReader(new StringReader(text)).readObject();
        return new PollSnapshot(
                json.getString("id"),
                PollType.valueOf(json.getString("type")),
                json.containsKey("maxChoices") ? json.getInt("maxChoices") : null,
                json.getJsonArray("options").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList(),
                PollStatus.valueOf(json.getString("status")),
                json.getBoolean("anonymous"),
                json.getBoolean("allowVoteChange"),
                json.getString("createdBy"),
                Set.copyOf(json.getJsonArray("audience").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()));
    }
}
