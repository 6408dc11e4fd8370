/** Actuator health indicators, Micrometer meters, per-process CPU/RSS. */
@NullMarked
package dev.mcpsessions.metrics;

import org.jspecify.annotations.NullMarked;
