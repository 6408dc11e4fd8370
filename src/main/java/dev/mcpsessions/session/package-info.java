/** Sessions: create, list, end, owner liveness. */
@NullMarked
package dev.mcpsessions.session;

import org.jspecify.annotations.NullMarked;
