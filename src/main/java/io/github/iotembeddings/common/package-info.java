/** Small helpers every package may use and that depend on nothing of the tool's. */
@NullMarked
package io.github.iotembeddings.common;

import org.jspecify.annotations.NullMarked;
