/**
 * The vector index: how the tool searches it.
 */
@NullMarked
package io.github.iotembeddings.index;

import org.jspecify.annotations.NullMarked;
