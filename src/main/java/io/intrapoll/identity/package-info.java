/**
 * Who is calling and how much: the authenticated caller (HTTP Basic, browser sessions, bearer tokens), its roles
 * (admin, author, voter) and its groups as the user registry or the token knows them (the group to role mapping
 * is configured in server.xml, security/roles.xml), the rate limits every caller spends from
 * ({@link io.intrapoll.identity.RateLimits}), and the audit trail.
 */
package io.intrapoll.identity;
