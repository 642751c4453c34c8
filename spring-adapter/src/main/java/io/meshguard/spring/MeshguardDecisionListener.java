package io.meshguard.spring;

import io.meshguard.core.Decision;
import java.util.function.Consumer;

/**
 * A bean that sees every decision (metrics, audit). Every such bean in the context is attached to
 * the auto-configured guard. Implementations must be fast, thread-safe and never throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MeshguardDecisionListener extends Consumer<Decision> {}
