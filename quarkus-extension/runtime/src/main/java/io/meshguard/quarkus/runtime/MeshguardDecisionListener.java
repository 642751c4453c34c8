package io.meshguard.quarkus.runtime;

import io.meshguard.core.Decision;
import java.util.function.Consumer;

/**
 * A CDI bean that sees every decision (metrics, audit). Every such bean is attached to the guard
 * the extension produces. Implementations must be fast, thread-safe and never throw: they run on
 * the event loop.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MeshguardDecisionListener extends Consumer<Decision> {}
