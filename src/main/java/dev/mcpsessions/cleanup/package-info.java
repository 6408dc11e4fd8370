/** Orphan reaper, startup reconciliation and adoption. */
@NullMarked
package dev.mcpsessions.cleanup;

import org.jspecify.annotations.NullMarked;
