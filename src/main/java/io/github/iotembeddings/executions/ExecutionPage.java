package io.github.iotembeddings.executions;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the execution history, newest first.
 *
 * @param executions the page's executions
 * @param nextBefore what to pass as {@code before} for the next, older page; {@code null} on the last page
 */
public record ExecutionPage(List<ExecutionSummary> executions, @Nullable Long nextBefore) {

	public ExecutionPage {
		executions = List.copyOf(executions);
	}

}
