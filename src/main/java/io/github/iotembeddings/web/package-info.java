/**
 * What every HTTP request of {@code schedule} and {@code serve} passes through before the adapters
 * ({@code api}, {@code admin}, {@code console}): the requests' own connection pool, a limit on how many of
 * each kind are served at once, and the one-line answer (429, 503) a client gets when the service is busy.
 */
@NullMarked
package io.github.iotembeddings.web;

import org.jspecify.annotations.NullMarked;
