/** REST controllers, problem+json errors, text rendering for the CLI. */
@NullMarked
package dev.mcpsessions.api;

import org.jspecify.annotations.NullMarked;
