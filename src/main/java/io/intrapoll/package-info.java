/**
 * Intrapoll: real-time polling for enterprise intranets. Each sub-package is one feature (poll, identity, ...)
 * holding its JAX-RS boundary, its control services and its entities; {@code platform} holds cross-cutting wiring.
 */
package io.intrapoll;
