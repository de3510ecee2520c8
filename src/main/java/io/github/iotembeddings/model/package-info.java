/** The sentence-embedding model: locating, loading, batched inference with mean pooling and L2 normalisation. */
@NullMarked
package io.github.iotembeddings.model;

import org.jspecify.annotations.NullMarked;
