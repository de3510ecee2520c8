package io.github.iotembeddings.admin;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.run.BackgroundPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.schedule.EmbeddingScheduler;
import org.quartz.SchedulerException;

import org.springframework.context.annotation.Profile;
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

	private final ExecutionHistory history;

	private final BackgroundPasses passes;

	private final EmbeddingScheduler scheduler;

	AdminController(ExecutionHistory history, BackgroundPasses passes, EmbeddingScheduler scheduler) {
		this.history = history;
		this.passes = passes;
		this.scheduler = scheduler;
	}

	@GetMapping("/executions")
	List<ExecutionSummary> executions(@RequestParam(defaultValue = "20") int limit) {
		return history.latest(Math.max(1, Math.min(limit, 1_000)));
	}

	/**
	 * Checks what can be checked at once (the execution exists and may be restarted), then runs the same
	 * pass as {@code restart ID} in the background ({@link BackgroundPasses}): 202, or 404 or 409 with why not
	 * ({@link AdminFailures}).
	 */
	@PostMapping("/executions/{id}/restart")
	ResponseEntity<Map<String, Object>> restart(@PathVariable long id) {
		passes.submit(PassRequest.restart(id), "admin API");
		return ResponseEntity.accepted().body(Map.of("restarting", id));
	}

	@PostMapping("/sync")
	ResponseEntity<Map<String, Object>> syncNow() throws SchedulerException {
		scheduler.syncNow();
		return ResponseEntity.accepted().body(Map.of("sync", "requested"));
	}

}
