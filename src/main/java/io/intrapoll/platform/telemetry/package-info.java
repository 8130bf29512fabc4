/**
 * The OpenTelemetry side of {@link io.intrapoll.platform.Tracing}: the only code that names OpenTelemetry's API,
 * loaded only on servers with MicroProfile Telemetry (kept out of CDI's discovery by beans.xml).
 */
package io.intrapoll.platform.telemetry;
