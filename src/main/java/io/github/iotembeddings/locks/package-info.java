/** One run over a share of the events at a time, and which process owns a run: advisory locks on sessions that send heartbeats, and who blocks a run that waits. */
@NullMarked
package io.github.iotembeddings.locks;

import org.jspecify.annotations.NullMarked;
