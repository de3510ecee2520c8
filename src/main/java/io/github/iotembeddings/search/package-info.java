/**
 * Semantic search: a query text embedded by the model the rows were made with, then the nearest events
 * through {@code public.match_iot_events}, the same function the app calls.
 */
@NullMarked
package io.github.iotembeddings.search;

import org.jspecify.annotations.NullMarked;
