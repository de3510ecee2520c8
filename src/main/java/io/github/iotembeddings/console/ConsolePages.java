package io.github.iotembeddings.console;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.job.EmbeddingErrors;
import io.github.iotembeddings.executions.ExecutionDetail;
import io.github.iotembeddings.executions.ExecutionFilter;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.events.EventTexts;
import io.github.iotembeddings.executions.InvalidFilterException;
import io.github.iotembeddings.search.InvalidQueryException;
import io.github.iotembeddings.search.SearchMode;
import io.github.iotembeddings.search.SearchRequest;
import io.github.iotembeddings.search.SemanticSearch;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.quartz.SchedulerException;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's pages: each renders what one service call returns. */
@Controller
@Profile("web")
class ConsolePages {

	static final int PAGE_SIZE = 25;

	static final int ERRORS_SHOWN = 200;

	private final AdminProperties admin;

	private final ConsoleOverview overview;

	private final ExecutionHistory history;

	private final EmbeddingErrors errors;

	private final EventTexts texts;

	private final SemanticSearch search;

	ConsolePages(AdminProperties admin, ConsoleOverview overview, ExecutionHistory history, EmbeddingErrors errors,
			EventTexts texts, SemanticSearch search) {
		this.admin = admin;
		this.overview = overview;
		this.history = history;
		this.errors = errors;
		this.texts = texts;
		this.search = search;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("consoleOn", admin.enabled());
		return "login";
	}

	@GetMapping("/")
	String overview(Model model) throws SchedulerException {
		model.addAttribute("overview", overview.now());
		return "overview";
	}

	@GetMapping("/executions")
	String executions(@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String mode,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(required = false) @Nullable Long before, Model model, HttpServletResponse response) {
		model.addAttribute("status", status).addAttribute("mode", mode).addAttribute("from", from).addAttribute("to", to);
		try {
			ExecutionFilter filter = ExecutionFilter.of(status, mode, from, to);
			model.addAttribute("page", history.page(filter, before, PAGE_SIZE));
		}
		catch (InvalidFilterException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("filterError", ex.getMessage());
		}
		return "executions";
	}

	@GetMapping("/executions/{id}")
	String execution(@PathVariable long id, Model model, HttpServletResponse response) {
		ExecutionDetail detail = history.detail(id).orElse(null);
		if (detail == null) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
		model.addAttribute("id", id).addAttribute("detail", detail);
		return "execution";
	}

	@GetMapping("/errors")
	String errors(Model model) {
		List<EmbeddingErrors.ErrorEntry> entries = errors.recent(ERRORS_SHOWN);
		model.addAttribute("errors", entries);
		model.addAttribute("texts", texts.of(entries.stream().map(EmbeddingErrors.ErrorEntry::eventId).toList()));
		return "errors";
	}

	@GetMapping("/events/search")
	String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "10") int k,
			@RequestParam(defaultValue = "hybrid") String mode, Model model, HttpServletResponse response) {
		model.addAttribute("q", q).addAttribute("k", k).addAttribute("mode", mode);
		if (!q.isBlank()) {
			try {
				model.addAttribute("result",
						search.search(new SearchRequest(q, k, null, null, Map.of(), SearchMode.parse(mode))));
			}
			catch (InvalidQueryException ex) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				model.addAttribute("searchError", ex.getMessage());
			}
		}
		return "search";
	}

}
