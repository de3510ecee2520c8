/** The long-running scheduler: clustered Quartz launching syncs, woken early by change notifications. */
@NullMarked
package io.github.iotembeddings.schedule;

import org.jspecify.annotations.NullMarked;
