/** The user's events as the tool reads them: a share of them (a partition), and the text each has (the configured expression, as a function). */
@NullMarked
package io.github.iotembeddings.events;

import org.jspecify.annotations.NullMarked;
