/**
 * Bench-only endpoints that give the vote pipeline's measurements their yardsticks (bench/run.sh): the floor (an
 * authenticated request that does nothing) and the naive design (one synchronous database update per vote).
 * They answer 404 unless {@code intrapoll.bench.enabled} is true, which only the bench sets.
 */
package io.intrapoll.bench;
