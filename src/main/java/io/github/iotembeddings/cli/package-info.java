/**
 * The command line: one class per command, its options declared for picocli and parsed before the application
 * starts, and what it does once the application has started; the exit codes of their outcomes.
 */
@NullMarked
package io.github.iotembeddings.cli;

import org.jspecify.annotations.NullMarked;
