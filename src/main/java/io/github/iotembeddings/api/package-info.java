/**
 * The HTTP query API of {@code schedule} and {@code serve}: {@code GET /search} and {@code POST /embed}, read-only, behind a
 * bearer token of their own.
 */
@NullMarked
package io.github.iotembeddings.api;

import org.jspecify.annotations.NullMarked;
