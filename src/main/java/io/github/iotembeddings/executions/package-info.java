/** The history of the embedding job's runs as Spring Batch records it: lists, detail, what each run allows (restart, stop, abandon), retention, and the first line of a failed run's exit description. */
@NullMarked
package io.github.iotembeddings.executions;

import org.jspecify.annotations.NullMarked;
