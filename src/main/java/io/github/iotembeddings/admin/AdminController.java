package io.github.iotembeddings.admin;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.ExecutionSummary;
import io.github.iotembeddings.job.NoSuchExecutionException;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.schedule.EmbeddingScheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/executions}, {@code POST /admin/executions/{id}/restart}, {@code POST /admin/sync}:
 * what an operator, or Supabase's {@code pg_cron} + {@code pg_net}, needs without a shell.
 */
@RestController
@RequestMapping("/admin")
@Profile("schedule")
class AdminController {

	private static final Log logger = LogFactory.getLog(AdminController.class);

	private final EmbeddingRuns runs;

	private final EmbeddingPasses passes;

	private final EmbeddingScheduler scheduler;

	private final TaskExecutor executor;

	AdminController(EmbeddingRuns runs, EmbeddingPasses passes, EmbeddingScheduler scheduler,
			@Qualifier("adminTaskExecutor") TaskExecutor executor) {
		this.runs = runs;
		this.passes = passes;
		this.scheduler = scheduler;
		this.executor = executor;
	}

	@GetMapping("/executions")
	List<ExecutionSummary> executions(@RequestParam(defaultValue = "20") int limit) {
		return runs.recent(Math.max(1, Math.min(limit, 1_000)));
	}

	/**
	 * Checks what can be checked at once (the execution exists and may be restarted), then runs the same
	 * pass as {@code restart ID} in the background: 202, 404, or 409 with why not.
	 */
	@PostMapping("/executions/{id}/restart")
	ResponseEntity<Map<String, Object>> restart(@PathVariable long id) {
		try {
			passes.checkRestartable(id);
		}
		catch (NoSuchExecutionException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", ex.getMessage()));
		}
		catch (InvalidConfigurationException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", ex.getMessage()));
		}
		executor.execute(() -> {
			try {
				PassResult result = passes.run(PassRequest.restart(id));
				logger.info("Admin restart of execution " + id + ": " + (result.completed() ? "COMPLETED" : result.failure()));
			}
			catch (Exception ex) {
				logger.warn("Admin restart of execution " + id + " failed: " + Messages.firstLine(ex));
			}
		});
		return ResponseEntity.accepted().body(Map.of("restarting", id));
	}

	@PostMapping("/sync")
	ResponseEntity<Map<String, Object>> syncNow() throws SchedulerException {
		scheduler.syncNow();
		return ResponseEntity.accepted().body(Map.of("sync", "requested"));
	}

}
