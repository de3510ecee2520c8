/** Proof that the embeddings are complete, sensible and searchable: parity, similarity smoke, recall, schema. */
@NullMarked
package io.github.iotembeddings.validate;

import org.jspecify.annotations.NullMarked;
