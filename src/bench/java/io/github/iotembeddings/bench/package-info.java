/** Benchmarks of the parts of a run, measured on the events in the database. */
@NullMarked
package io.github.iotembeddings.bench;

import org.jspecify.annotations.NullMarked;
