package io.github.iotembeddings.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the passes of this process are doing, for the health checks: which are in progress, on which
 * thread and since when, when each last showed progress ({@link RunHeartbeat}), and when a sync last
 * ended without failing (with nothing to do, or while another run held the events, counts: the check
 * was made) or failed, and why. Memory only; every figure is O(1) to read.
 */
@Component
public class PassActivity {

	private final RunHeartbeat heartbeat;

	private final Map<Thread, InProgress> running = new ConcurrentHashMap<>();

	private final Instant since = Instant.now();

	private volatile @Nullable Instant lastSync;

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastFailureCause;

	PassActivity(RunHeartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	void started(PassRequest request) {
		heartbeat.beat();
		running.put(Thread.currentThread(), new InProgress(request.mode(), Thread.currentThread(), Instant.now()));
	}

	void ended(PassRequest request, @Nullable PassResult result) {
		running.remove(Thread.currentThread());
		heartbeat.clear();
		Instant now = Instant.now();
		if (result != null && result.completed()) {
			if (request.mode() != PassRequest.Mode.BACKFILL && request.mode() != PassRequest.Mode.RESTART) {
				lastSync = now;
			}
		}
		else {
			lastFailure = now;
			lastFailureCause = (result != null) ? result.failure() : "the pass ended with an error";
		}
	}

	/** @return the passes in progress now, each with when its thread last showed progress */
	public List<InProgress> inProgress() {
		return running.values().stream().map(pass -> pass.withBeat(heartbeat.lastBeat(pass.thread()))).toList();
	}

	/** @return whether a pass of this process is in progress now */
	public boolean anyInProgress() {
		return !running.isEmpty();
	}

	/** @return when a sync last ended without failing (or, before any, when this process started) */
	public Instant lastSyncOrStart() {
		Instant sync = lastSync;
		return (sync != null) ? sync : since;
	}

	/** @return when a pass last failed, or null if none has */
	public @Nullable Instant lastFailure() {
		return lastFailure;
	}

	/** @return why the latest failed pass failed, in one line, or null if none has */
	public @Nullable String lastFailureCause() {
		return lastFailureCause;
	}

	/**
	 * A pass in progress.
	 *
	 * @param mode what it does
	 * @param thread the thread it runs on
	 * @param started when it began
	 * @param lastBeat when its thread last showed progress (a chunk, a slice, a lock asked for again)
	 */
	public record InProgress(PassRequest.Mode mode, Thread thread, Instant started, @Nullable Instant lastBeat) {

		InProgress(PassRequest.Mode mode, Thread thread, Instant started) {
			this(mode, thread, started, started);
		}

		InProgress withBeat(@Nullable Instant beat) {
			return new InProgress(mode, thread, started, (beat != null) ? beat : started);
		}

		/** @return when it last moved: its latest progress, or its start */
		public Instant lastMoved() {
			return (lastBeat != null && lastBeat.isAfter(started)) ? lastBeat : started;
		}

	}

}
