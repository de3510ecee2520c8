package io.github.iotembeddings.executions;

import io.github.iotembeddings.job.EmbeddingErrors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything about one execution the console shows.
 *
 * @param summary what a list shows of it
 * @param parameters its job parameters by name, in the order given
 * @param steps its step executions, in the order they ran
 * @param exitDescription its whole exit description (a failure's stack trace included), empty when none
 * @param failedEvents the events it was the last execution to fail on, at most
 * {@link ExecutionHistory#FAILED_EVENTS}
 * @param restartedAs the execution that resumed it (the next of its instance), or {@code null}
 * @param actions what may be done with it now
 */
public record ExecutionDetail(ExecutionSummary summary, Map<String, String> parameters, List<StepSummary> steps,
		String exitDescription, List<EmbeddingErrors.ErrorEntry> failedEvents, @Nullable Long restartedAs,
		Actions actions) {

	public ExecutionDetail {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		steps = List.copyOf(steps);
		failedEvents = List.copyOf(failedEvents);
	}

	/**
	 * What the console may offer for an execution, by the same rules the actions apply.
	 *
	 * @param restart it is FAILED or STOPPED (or left running by a process that is gone) and the latest
	 * of its instance
	 * @param stop it runs in a live process
	 * @param abandon it is FAILED or STOPPED (or left running by a process that is gone) and was not
	 * restarted
	 */
	public record Actions(boolean restart, boolean stop, boolean abandon) {

		/** Nothing to do: completed, abandoned, or already resumed by a later execution. */
		public static final Actions NONE = new Actions(false, false, false);

	}

}
