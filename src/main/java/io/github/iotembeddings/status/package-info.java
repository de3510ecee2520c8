/**
 * How far behind the embeddings are: the backlog, for the {@code status} command, the metrics and the
 * health of {@code schedule}.
 */
@NullMarked
package io.github.iotembeddings.status;

import org.jspecify.annotations.NullMarked;
