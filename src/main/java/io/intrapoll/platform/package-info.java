/**
 * Cross-cutting wiring: the JAX-RS application and its OpenAPI description, problem+json error mapping,
 * request size limits, database migration at start-up and health checks.
 */
package io.intrapoll.platform;
