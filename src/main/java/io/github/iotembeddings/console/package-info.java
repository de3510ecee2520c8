/**
 * The operator console: server-rendered pages at {@code /} of {@code schedule} and {@code serve}, signed
 * in with the admin token; every action calls the service the CLI calls.
 */
@NullMarked
package io.github.iotembeddings.console;

import org.jspecify.annotations.NullMarked;
