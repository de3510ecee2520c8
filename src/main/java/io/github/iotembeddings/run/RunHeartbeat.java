package io.github.iotembeddings.run;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * When each thread running embedding work last showed progress: a chunk committed, a slice of the full
 * check done, another ask for a lock it waits for. A thread whose heartbeat stopped while its pass goes on
 * is stuck (what the liveness check looks for); one that waits for another run keeps beating.
 */
@Component
public class RunHeartbeat implements ChunkListener<Object, Object> {

	private final Map<Thread, Instant> beats = new ConcurrentHashMap<>();

	/** A chunk of a run committed on this thread: progress. */
	@Override
	public void afterChunk(Chunk<Object> chunk) {
		beat();
	}

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
