/** MockMvc support: put a mesh identity on a request the way the sidecar would forward it. */
@NullMarked
package io.meshguard.testkit.spring;

import org.jspecify.annotations.NullMarked;
