/** Thymeleaf controllers of the dashboard. */
@NullMarked
package dev.mcpsessions.web;

import org.jspecify.annotations.NullMarked;
