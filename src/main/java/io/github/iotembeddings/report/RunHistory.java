package io.github.iotembeddings.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest executions of the embedding job of some modes, from Spring Batch's metadata, newest
 * first. The mode is the {@code mode} parameter of the execution's job instance, which a restart keeps:
 * a restarted backfill is a backfill run, marked by {@link Run#restartOf()}.
 */
@Component
class RunHistory {

	/** What a report adds to a summary: the run a restart resumed, and a scheduled sync's fire time. */
	private static final String LINEAGE_SQL = """
			select je.job_execution_id,
			  (select max(prev.job_execution_id) from batch_job_execution prev
			    where prev.job_instance_id = je.job_instance_id and prev.job_execution_id < je.job_execution_id) as restart_of,
			  (select x.parameter_value from batch_job_execution_params x
			    where x.job_execution_id = je.job_execution_id and x.parameter_name = '%s') as fire_time
			from batch_job_execution je where je.job_execution_id = any(?)""".formatted(EmbeddingJob.FIRE_TIME);

	private final JdbcTemplate jdbcTemplate;

	private final ExecutionHistory executions;

	RunHistory(JdbcTemplate jdbcTemplate, ExecutionHistory executions) {
		this.jdbcTemplate = jdbcTemplate;
		this.executions = executions;
	}

	/**
	 * @param modes the recorded modes, e.g. {@code backfill}
	 * @param count how many
	 * @return the latest executions of those modes, newest first
	 */
	List<Run> latest(Set<String> modes, int count) {
		List<ExecutionSummary> summaries = executions.latest(modes, count);
		Map<Long, Lineage> lineage = new HashMap<>();
		jdbcTemplate.query(LINEAGE_SQL, rs -> {
			lineage.put(rs.getLong("job_execution_id"), new Lineage((Long) rs.getObject("restart_of"), rs.getString("fire_time")));
		}, (Object) summaries.stream().map(ExecutionSummary::id).toArray(Long[]::new));
		return summaries.stream().map(summary -> {
			Lineage found = lineage.getOrDefault(summary.id(), Lineage.NONE);
			return new Run(summary, found.restartOf(), found.fireTime());
		}).toList();
	}

	/**
	 * One execution.
	 *
	 * @param summary what the Batch tables record of it
	 * @param restartOf the execution of the same job instance before it, which it resumed; null for the first
	 * @param fireTime the schedule's fire time for a scheduled sync, as recorded (JVM-local), else null
	 */
	record Run(ExecutionSummary summary, @Nullable Long restartOf, @Nullable String fireTime) {

		/** @return how long it ran, in seconds, or null when it has no start or end */
		public @Nullable Double durationSeconds() {
			return (summary.duration() != null) ? summary.duration().toMillis() / 1000.0 : null;
		}

	}

	private record Lineage(@Nullable Long restartOf, @Nullable String fireTime) {

		static final Lineage NONE = new Lineage(null, null);

	}

}
