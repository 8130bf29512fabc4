/**
 * Webhooks: an admin registers an address and the poll events it wants; each event becomes a delivery, signed with
 * the webhook's secret as the Standard Webhooks specification says, and tried from a durable queue until the
 * address answers 2xx or a day has passed.
 */
package io.intrapoll.webhook;
