/**
 * The command line: the commands declared for picocli and parsed before the application starts, the handlers
 * that run them, and the exit codes of their outcomes.
 */
@NullMarked
package io.github.iotembeddings.cli;

import org.jspecify.annotations.NullMarked;
