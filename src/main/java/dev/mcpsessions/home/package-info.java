/** The on-disk home: layout, atomic private files, the manager lock, manager.json. */
@NullMarked
package dev.mcpsessions.home;

import org.jspecify.annotations.NullMarked;
