/** The sentence-embedding model: locating, loading, its pooling and prefixes, batched inference for passages and queries. */
@NullMarked
package io.github.iotembeddings.model;

import org.jspecify.annotations.NullMarked;
