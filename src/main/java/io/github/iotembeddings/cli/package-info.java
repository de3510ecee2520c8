/** Command-line dispatch: parses commands and options, maps outcomes to exit codes. */
@NullMarked
package io.github.iotembeddings.cli;

import org.jspecify.annotations.NullMarked;
