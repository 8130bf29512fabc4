/**
 * Rate limits, shared by every node of a cluster: token buckets per signed-in user and per client address, one
 * budget for voting and one for everything else ({@link io.intrapoll.ratelimit.RateLimitFilter}), kept by
 * Bucket4j in Infinispan ({@link io.intrapoll.ratelimit.RateLimits}).
 */
package io.intrapoll.ratelimit;
