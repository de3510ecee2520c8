package io.github.iotembeddings.console;

import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.schedule.ScheduleState;
import org.jspecify.annotations.Nullable;

/**
 * What the overview page shows.
 *
 * @param model the model the embeddings are made with
 * @param backlog coverage, pending work and its age, stale and failing events, the last full check
 * @param index the vector index now
 * @param indexDue why the index is due for a rebuild, or null when it fits its rows
 * @param schedule the scheduler, or null in a process without one ({@code serve})
 * @param syncSchedule how syncs are scheduled, in words (for {@code serve}: the CronJob's schedule, or on demand)
 * @param passesInProgress passes asked for here that wait or run
 * @param stalled "stalled since ..., because ..." while syncs are stalled, else null
 */
record Overview(String model, Backlog backlog, IndexState index, @Nullable String indexDue,
		@Nullable ScheduleState schedule, String syncSchedule, int passesInProgress, @Nullable String stalled) {

}
