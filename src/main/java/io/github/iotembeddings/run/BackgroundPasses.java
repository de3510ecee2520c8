package io.github.iotembeddings.run;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.config.BackgroundThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Passes asked for over HTTP (the admin API, the console): what can be checked at once is checked in the
 * caller's thread, so a mistake is answered at once; the pass then runs here, one at a time, and the
 * request returns. Passes run for minutes; their progress is in the Batch history and the log.
 */
@Component
@Profile("web")
public class BackgroundPasses {

	private static final Log logger = LogFactory.getLog(BackgroundPasses.class);

	private final EmbeddingPasses passes;

	private final AtomicBoolean syncWaiting = new AtomicBoolean();

	/** One thread; {@value BackgroundThreads#PASSES_WAITING} passes may wait, and more are refused. */
	private final ThreadPoolTaskExecutor executor;

	BackgroundPasses(EmbeddingPasses passes,
			@Qualifier(BackgroundThreads.BACKGROUND_PASSES) ThreadPoolTaskExecutor executor) {
		this.passes = passes;
		this.executor = executor;
	}

	/**
	 * @param request the pass
	 * @param origin who asked, for the log ("admin API", "console")
	 * @throws io.github.iotembeddings.executions.NoSuchExecutionException restart of an unknown execution
	 * @throws Refusal a restart that is not possible, or too many passes waiting
	 */
	public void submit(PassRequest request, String origin) {
		if (request.mode() == PassRequest.Mode.RESTART) {
			passes.checkRestartable(request.executionId());
		}
		String what = describe(request);
		boolean sync = request.mode() == PassRequest.Mode.SYNC;
		// However many ask for a sync while one waits, that one sync embeds what all of them asked for.
		if (sync && !syncWaiting.compareAndSet(false, true)) {
			logger.info(origin + ": " + what + " requested; one is already waiting to run, which covers it");
			return;
		}
		try {
			executor.execute(() -> {
				if (sync) {
					syncWaiting.set(false);
				}
				try {
					PassResult result = passes.run(request);
					logger.info(origin + ": " + what + " " + (result.completed() ? "COMPLETED" : result.failure()));
				}
				catch (Exception ex) {
					logger.warn(origin + ": " + what + " failed: " + Messages.firstLine(ex));
				}
			});
		}
		catch (RejectedExecutionException ex) {
			if (sync) {
				syncWaiting.set(false);
			}
			throw new Refusal(BackgroundThreads.PASSES_WAITING + " passes are already waiting to run: try again"
					+ " when they have ended");
		}
		logger.info(origin + ": " + what + " requested");
	}

	/** @return passes waiting or running */
	public int inProgress() {
		return executor.getQueueSize() + executor.getActiveCount();
	}

	private static String describe(PassRequest request) {
		return switch (request.mode()) {
			case BACKFILL -> "backfill of " + request.limit() + " events";
			case RESTART -> "restart of execution " + request.executionId();
			default -> request.mode().recordedAs();
		};
	}

}
