package io.github.iotembeddings.job;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * When each thread running embedding work last showed progress: a chunk committed, a slice of the full
 * check done, another ask for a lock it waits for. A thread whose heartbeat stopped while its pass goes on
 * is stuck (what the liveness check looks for); one that waits for another run keeps beating.
 */
public class RunHeartbeat {

	private final Map<Thread, Instant> beats = new ConcurrentHashMap<>();

	/** Records progress on the current thread. */
	public void beat() {
		beats.put(Thread.currentThread(), Instant.now());
	}

	/**
	 * @param thread a thread running a pass
	 * @return when it last showed progress, or null if never
	 */
	public @Nullable Instant lastBeat(Thread thread) {
		return beats.get(thread);
	}

	/** Forgets the current thread (its pass ended). */
	public void clear() {
		beats.remove(Thread.currentThread());
	}

}
