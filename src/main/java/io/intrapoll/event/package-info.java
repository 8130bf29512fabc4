/**
 * Events, what an all-hands runs: a join code, the polls the presenter shows one after the other, the active one,
 * and the audience's questions with their upvotes and moderation (API.md, "Events"). The REST boundaries are
 * {@link io.intrapoll.event.EventsResource}, {@link io.intrapoll.event.JoinResource} and
 * {@link io.intrapoll.event.QuestionsResource}; {@link io.intrapoll.event.EventStreams} tells every node's
 * subscribers what changed.
 */
package io.intrapoll.event;
