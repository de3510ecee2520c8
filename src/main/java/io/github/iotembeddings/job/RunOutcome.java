package io.github.iotembeddings.job;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a run did.
 *
 * @param kind whether it ran, and if not, why
 * @param execution the ended execution when it ran, else {@code null}
 * @param interrupted for {@link Kind#FAILED}: the execution it launched before it failed, if any (it may
 * still be marked STARTED: the next sync over its events resumes it)
 * @param cause for {@link Kind#FAILED}: why, in one line
 */
public record RunOutcome(Kind kind, @Nullable JobExecution execution, @Nullable Long interrupted,
		@Nullable String cause) {

	static RunOutcome ran(JobExecution execution) {
		return new RunOutcome(Kind.RAN, execution, null, null);
	}

	static RunOutcome failed(@Nullable Long interrupted, String cause) {
		return new RunOutcome(Kind.FAILED, null, interrupted, cause);
	}

	static final RunOutcome BUSY = new RunOutcome(Kind.BUSY, null, null, null);

	static final RunOutcome NOTHING_TO_DO = new RunOutcome(Kind.NOTHING_TO_DO, null, null, null);

	/** Whether a run ran, and if not, why. */
	public enum Kind {

		/** It launched an execution, and Batch recorded how it ended. */
		RAN,

		/** Another run over the same events was in progress: that run embeds what is pending. */
		BUSY,

		/** It found nothing to embed and launched no execution. */
		NOTHING_TO_DO,

		/**
		 * It failed before it could launch, or while Batch recorded the end of what it launched (the
		 * database went away mid-way): nothing half-written stays, and the next run goes on.
		 */
		FAILED

	}

}
