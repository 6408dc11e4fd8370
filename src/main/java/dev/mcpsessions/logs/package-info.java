/** Per-server log files, rotation, tail and follow. */
@NullMarked
package dev.mcpsessions.logs;

import org.jspecify.annotations.NullMarked;
