/** Supervision: launcher, state machine, restart policy, tree kill, process identity. */
@NullMarked
package dev.mcpsessions.process;

import org.jspecify.annotations.NullMarked;
