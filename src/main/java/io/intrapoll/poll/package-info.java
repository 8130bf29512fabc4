/**
 * Polls: their definition, audience and lifecycle ({@code DRAFT -> OPEN -> CLOSED -> ARCHIVED}, reopen from
 * CLOSED), the REST boundary {@link io.intrapoll.poll.PollsResource}, and the schedule that opens and closes
 * polls by themselves.
 */
package io.intrapoll.poll;
