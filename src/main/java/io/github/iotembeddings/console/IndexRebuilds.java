package io.github.iotembeddings.console;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.index.IndexLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the rebuild {@code index --rebuild=true} runs, on a thread of its own: at a million rows it takes
 * minutes, longer than a request should wait. One at a time; its outcome goes to the log, and the
 * overview shows the index as the catalog has it.
 */
@Component
@Profile("web")
class IndexRebuilds {

	private static final Log logger = LogFactory.getLog(IndexRebuilds.class);

	private final IndexLifecycle lifecycle;

	private final AtomicBoolean running = new AtomicBoolean();

	private final TaskExecutor executor;

	IndexRebuilds(IndexLifecycle lifecycle, @Qualifier(BackgroundThreads.INDEX_REBUILD) TaskExecutor executor) {
		this.lifecycle = lifecycle;
		this.executor = executor;
	}

	void start() {
		if (!running.compareAndSet(false, true)) {
			throw new Refusal("an index rebuild started here is still running");
		}
		executor.execute(() -> {
			try {
				lifecycle.check(true).ifPresentOrElse(plan -> logger.info("Console: index rebuilt (" + plan.method() + ")"),
						() -> logger.info("Console: index not rebuilt (the table is empty, or see above)"));
			}
			catch (RuntimeException ex) {
				logger.warn("Console: " + Messages.firstLine(ex));
			}
			finally {
				running.set(false);
			}
		});
	}

	boolean running() {
		return running.get();
	}

}
