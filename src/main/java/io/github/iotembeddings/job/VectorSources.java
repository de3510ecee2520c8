package io.github.iotembeddings.job;

import java.util.Locale;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where the vectors a run wrote came from. Each distinct text is embedded once: an event whose text
 * (by its hash) another event of the same chunk has is given that event's vector, and one whose text
 * this model already embedded for a stored row is given the stored vector, without a model call.
 * Every written event counts in exactly one of the three.
 *
 * @param embedded events whose vector the model computed for them: the distinct new texts
 * @param copiedInChunk events given the vector the model computed for an identical text in the same chunk
 * @param copiedStored events given a vector already stored for their text hash and this model
 */
public record VectorSources(long embedded, long copiedInChunk, long copiedStored) {

	/** Kept in the step's execution context at every commit, so reports read it from Batch's metadata. */
	private static final String EMBEDDED_KEY = "vectors.embedded";

	private static final String COPIED_IN_CHUNK_KEY = "vectors.copied.in.chunk";

	private static final String COPIED_STORED_KEY = "vectors.copied.stored";

	public static final VectorSources NONE = new VectorSources(0, 0, 0);

	/**
	 * @param execution a job execution, ended or not
	 * @return what its steps recorded; {@link #NONE} for an execution older than these counts
	 */
	public static VectorSources of(JobExecution execution) {
		VectorSources sum = NONE;
		for (StepExecution step : execution.getStepExecutions()) {
			sum = sum.plus(of(step.getExecutionContext()));
		}
		return sum;
	}

	static VectorSources of(ExecutionContext context) {
		return new VectorSources(context.getLong(EMBEDDED_KEY, 0), context.getLong(COPIED_IN_CHUNK_KEY, 0),
				context.getLong(COPIED_STORED_KEY, 0));
	}

	void saveTo(ExecutionContext context) {
		context.putLong(EMBEDDED_KEY, embedded);
		context.putLong(COPIED_IN_CHUNK_KEY, copiedInChunk);
		context.putLong(COPIED_STORED_KEY, copiedStored);
	}

	VectorSources plus(VectorSources other) {
		return new VectorSources(embedded + other.embedded, copiedInChunk + other.copiedInChunk,
				copiedStored + other.copiedStored);
	}

	/** @return the events that got a vector without a model computation of their own */
	public long copied() {
		return copiedInChunk + copiedStored;
	}

	/** @return e.g. "120 by the model, 400 copied (300 within a chunk, 100 stored)" */
	public String describe() {
		return String.format(Locale.ROOT, "%,d by the model, %,d copied (%,d within a chunk, %,d stored)", embedded,
				copied(), copiedInChunk, copiedStored);
	}

}
