/**
 * Implementation details of meshguard core: tokenizers, decoders and helpers. Nothing here is API;
 * it may change in any release and adapters must not import it.
 */
@NullMarked
package io.meshguard.core.internal;

import org.jspecify.annotations.NullMarked;
