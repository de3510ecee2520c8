package io.github.iotembeddings.job;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a sync reads, from what the syncs before it recorded (implemented where that record is
 * kept, in {@code changes}). Called under the run's lock, so no other run of the share plans or writes
 * at the same time.
 */
public interface SyncPlanner {

	/**
	 * @param partition the share of the events
	 * @param modelId the model that embeds now
	 * @param fullCheck whether to check every event first (reconcile), queueing what it finds
	 * @return what the sync reads, or empty when it has nothing to do: then no execution is launched
	 */
	Optional<Plan> plan(Partition partition, String modelId, boolean fullCheck);

	/**
	 * A sync over the share completed: every event through {@code checkedThrough} has an embedding or
	 * an entry in the errors list.
	 * @param partition the share
	 * @param checkedThrough the run's {@link EmbeddingJobParameters#CHECKED_THROUGH}
	 */
	void completed(Partition partition, long checkedThrough);

	/**
	 * @param unembeddedAbove look for events with no embedding above this id; {@code null} for all events
	 * @param checkedThrough the highest event id when the sync was planned
	 */
	record Plan(@Nullable Long unembeddedAbove, long checkedThrough) {

	}

}
