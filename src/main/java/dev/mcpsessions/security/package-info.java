/** API token, Host/Origin checks, dashboard login and CSRF. */
@NullMarked
package dev.mcpsessions.security;

import org.jspecify.annotations.NullMarked;
