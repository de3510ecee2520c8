/** The Spring Batch job that embeds events with no embedding and upserts their vectors. */
@NullMarked
package io.github.iotembeddings.job;

import org.jspecify.annotations.NullMarked;
