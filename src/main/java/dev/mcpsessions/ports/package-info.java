/** Port leases across all sessions. */
@NullMarked
package dev.mcpsessions.ports;

import org.jspecify.annotations.NullMarked;
