package io.github.iotembeddings.console;

import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.job.EmbeddingErrors;
import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.BackgroundPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.schedule.EmbeddingScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import static io.github.iotembeddings.console.ActionResult.HTMX;

/**
 * The console's actions. Each calls the service the CLI or the scheduler calls, and answers with one
 * line saying what happened ({@link ActionResult}): a fragment for htmx (the page asked for confirmation
 * first), or a page of its own for a plain form post. What cannot be done is thrown, and said with the
 * service's own reason by {@link ConsoleActionFailures}.
 */
@Controller
@Profile("web")
class ConsoleActions {

	/** A backfill asks for at most this many events at once; more is a sync's job. */
	static final long MAX_BACKFILL = 100_000_000;

	private final BackgroundPasses passes;

	private final ExecutionControl control;

	private final EmbeddingErrors errors;

	private final ObjectProvider<EmbeddingScheduler> scheduler;

	private final IndexRebuilds indexRebuilds;

	private final ConsoleFormat format;

	ConsoleActions(BackgroundPasses passes, ExecutionControl control, EmbeddingErrors errors,
			ObjectProvider<EmbeddingScheduler> scheduler, IndexRebuilds indexRebuilds, ConsoleFormat format) {
		this.passes = passes;
		this.control = control;
		this.errors = errors;
		this.scheduler = scheduler;
		this.indexRebuilds = indexRebuilds;
		this.format = format;
	}

	@PostMapping("/executions/{id}/restart")
	ModelAndView restart(@PathVariable long id, @RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) {
		passes.submit(PassRequest.restart(id), "console");
		return done(htmx, "Restarting execution " + id + ": it resumes after its last committed chunk as a new execution.");
	}

	@PostMapping("/executions/{id}/stop")
	ModelAndView stop(@PathVariable long id, @RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) {
		control.stop(id);
		return done(htmx, "Execution " + id + " stops after its current chunk commits; it can be restarted.");
	}

	@PostMapping("/executions/{id}/abandon")
	ModelAndView abandon(@PathVariable long id, @RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) {
		control.abandon(id);
		return done(htmx,
				"Execution " + id + " is ABANDONED: it will not be restarted. Its events are embedded by the next sync.");
	}

	@PostMapping("/backfills")
	ModelAndView backfill(@RequestParam(defaultValue = "") String limit,
			@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) {
		long events = parseLimit(limit);
		passes.submit(PassRequest.backfill(events, Partition.WHOLE), "console");
		return done(htmx, "Backfill of the " + events + " newest events without an embedding requested: it runs as soon"
				+ " as no other pass asked for here is running, and is listed under Executions.");
	}

	@PostMapping("/syncs")
	ModelAndView sync(@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) throws Exception {
		return done(htmx, syncNow() ? "Sync requested: it runs as soon as no other run is in progress."
				: "Sync requested: it runs in this process (the schedule is paused), as soon as no other run is in progress.");
	}

	@PostMapping("/schedule/pause")
	ModelAndView pause(@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) throws Exception {
		requireScheduler().pauseSchedule();
		return done(htmx, "Schedule paused on every scheduler: no sync or full check fires until it is resumed.");
	}

	@PostMapping("/schedule/resume")
	ModelAndView resume(@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) throws Exception {
		requireScheduler().resumeSchedule();
		return done(htmx, "Schedule resumed.");
	}

	@PostMapping("/errors/retry")
	ModelAndView retry(@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) throws Exception {
		int due = errors.retryNow(null);
		if (due == 0) {
			return done(htmx, "No failed events to retry.");
		}
		syncNow();
		return done(htmx, due + " failed event" + (due == 1 ? " is" : "s are") + " due again, with fresh attempts; a sync"
				+ " was requested to embed them.");
	}

	@PostMapping("/index/rebuild")
	ModelAndView rebuildIndex(@RequestHeader(name = HTMX, defaultValue = "false") boolean htmx) {
		indexRebuilds.start();
		return done(htmx, "Index rebuild started: it is built beside the current one (concurrently) and swapped in; the"
				+ " overview shows it when done.");
	}

	/** What was done; what was not is answered by {@link ConsoleActionFailures}. */
	private ModelAndView done(boolean htmx, String message) {
		return new ActionResult(true, format.safe(message)).view(htmx);
	}

	/** @return whether the scheduler fires it (false: a background pass here, without a scheduler or while it is paused) */
	private boolean syncNow() throws Exception {
		EmbeddingScheduler embeddingScheduler = scheduler.getIfAvailable();
		if (embeddingScheduler != null) {
			return embeddingScheduler.syncNow();
		}
		passes.submit(PassRequest.sync(Partition.WHOLE), "console");
		return false;
	}

	private EmbeddingScheduler requireScheduler() {
		EmbeddingScheduler embeddingScheduler = scheduler.getIfAvailable();
		if (embeddingScheduler == null) {
			throw new Refusal("this process runs no scheduler (serve): pause the CronJob"
					+ " instead (kubectl patch cronjob ... -p '{\"spec\":{\"suspend\":true}}')");
		}
		return embeddingScheduler;
	}

	static long parseLimit(String limit) {
		long events;
		try {
			events = Long.parseLong(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("the number of events must be a whole number, not '" + limit + "'");
		}
		if (events < 1 || events > MAX_BACKFILL) {
			throw new IllegalArgumentException("the number of events must be between 1 and " + MAX_BACKFILL);
		}
		return events;
	}

}
