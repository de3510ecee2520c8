package io.github.iotembeddings.report;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.job.ExecutionSummary;
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

	// Starts from the mode parameter, newest first, so an index on (parameter_name, parameter_value,
	// job_execution_id) answers it in the number of rows asked for, not the size of the history.
	private static final String BY_MODE_SQL = """
			select je.job_execution_id, je.status, je.start_time, je.end_time, je.exit_message, p.parameter_value as mode,
			  (select max(prev.job_execution_id) from batch_job_execution prev
			    where prev.job_instance_id = je.job_instance_id and prev.job_execution_id < je.job_execution_id) as restart_of,
			  (select x.parameter_value from batch_job_execution_params x
			    where x.job_execution_id = je.job_execution_id and x.parameter_name = 'limit') as run_limit,
			  (select x.parameter_value from batch_job_execution_params x
			    where x.job_execution_id = je.job_execution_id and x.parameter_name = 'chunk.size') as chunk_size,
			  (select x.parameter_value from batch_job_execution_params x
			    where x.job_execution_id = je.job_execution_id and x.parameter_name = 'model') as model,
			  (select x.parameter_value from batch_job_execution_params x
			    where x.job_execution_id = je.job_execution_id and x.parameter_name = 'fire.time') as fire_time,
			  (select coalesce(sum(se.read_count), 0) from batch_step_execution se
			    where se.job_execution_id = je.job_execution_id) as read_count,
			  (select coalesce(sum(se.write_count), 0) from batch_step_execution se
			    where se.job_execution_id = je.job_execution_id) as write_count,
			  (select coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0)
			    from batch_step_execution se where se.job_execution_id = je.job_execution_id) as skip_count
			from batch_job_execution_params p
			join batch_job_execution je on je.job_execution_id = p.job_execution_id
			join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'embedEvents'
			where p.parameter_name = 'mode' and p.parameter_value = any(?)
			order by p.job_execution_id desc
			limit ?""";

	private final JdbcTemplate jdbcTemplate;

	RunHistory(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param modes the recorded modes, e.g. {@code backfill}
	 * @param count how many
	 * @return the latest executions of those modes, newest first
	 */
	List<Run> latest(Set<String> modes, int count) {
		return jdbcTemplate.query(BY_MODE_SQL, (rs, row) -> new Run(
				new ExecutionSummary(rs.getLong("job_execution_id"), rs.getString("status"), rs.getString("mode"),
						parseLong(rs.getString("run_limit")), parseLong(rs.getString("chunk_size")), rs.getString("model"),
						rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("skip_count"),
						rs.getObject("start_time", LocalDateTime.class), rs.getObject("end_time", LocalDateTime.class),
						Messages.firstLine(rs.getString("exit_message"))),
				(Long) rs.getObject("restart_of"), rs.getString("fire_time")),
				modes.toArray(String[]::new), count);
	}

	private static @Nullable Long parseLong(@Nullable String value) {
		return (value == null) ? null : Long.valueOf(value);
	}

	/**
	 * One execution.
	 *
	 * @param summary what the Batch tables record of it
	 * @param restartOf the execution of the same job instance before it, which it resumed; null for the first
	 * @param fireTime the schedule's fire time for a scheduled sync, as recorded (JVM-local), else null
	 */
	record Run(ExecutionSummary summary, @Nullable Long restartOf, @Nullable String fireTime) {

	}

}
