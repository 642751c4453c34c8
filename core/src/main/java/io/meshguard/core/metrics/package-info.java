/**
 * Micrometer metrics of decisions, shared by every adapter. Needs {@code
 * io.micrometer:micrometer-core} on the class path (an optional dependency of meshguard-core);
 * nothing else in core loads it.
 */
@NullMarked
package io.meshguard.core.metrics;

import org.jspecify.annotations.NullMarked;
