package io.github.iotembeddings.console;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.status.BacklogHistory;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /charts/runs.json}: the overview's two charts as uPlot takes them (columns of x and y values):
 * events per second of each of the latest runs, and the backlog this process has measured.
 */
@RestController
@Profile("web")
class ChartData {

	static final int RUNS = 100;

	private final ExecutionHistory history;

	private final ConsoleOverview overview;

	ChartData(ExecutionHistory history, ConsoleOverview overview) {
		this.history = history;
		this.overview = overview;
	}

	@GetMapping("/charts/runs.json")
	Map<String, Object> runs() {
		List<ExecutionSummary> runs = history.latest(RUNS).stream()
			.filter(run -> run.startTime() != null && run.rowsPerSecond() != null)
			.sorted(Comparator.comparing(ExecutionSummary::startTime))
			.toList();
		List<BacklogHistory.Point> backlog = overview.backlogHistory();
		ZoneId zone = ZoneId.systemDefault();
		return Map.of("runs", List.of(runs.stream().map(run -> run.startTime().atZone(zone).toEpochSecond()).toList(),
				runs.stream().map(ExecutionSummary::rowsPerSecond).toList(),
				runs.stream().map(ExecutionSummary::written).toList()),
				"backlog", List.of(backlog.stream().map(BacklogHistory.Point::epochSecond).toList(),
						backlog.stream().map(BacklogHistory.Point::pending).toList(),
						backlog.stream().map(BacklogHistory.Point::lagSeconds).toList()));
	}

}
