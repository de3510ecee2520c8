package io.github.iotembeddings.job;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a sync did.
 *
 * @param kind whether it ran
 * @param execution the ended execution when it ran, else {@code null}
 */
public record SyncOutcome(Kind kind, @Nullable JobExecution execution) {

	static SyncOutcome ran(JobExecution execution) {
		return new SyncOutcome(Kind.RAN, execution);
	}

	static final SyncOutcome BUSY = new SyncOutcome(Kind.BUSY, null);

	static final SyncOutcome NOTHING_TO_DO = new SyncOutcome(Kind.NOTHING_TO_DO, null);

	/** Whether a sync ran, and if not, why. */
	public enum Kind {

		/** It launched an execution. */
		RAN,

		/** Another run over the same events was in progress: that run embeds what is pending. */
		BUSY,

		/** It found nothing to embed and launched no execution. */
		NOTHING_TO_DO

	}

}
