package io.github.iotembeddings.executions;

import io.github.iotembeddings.job.EmbeddingJob;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import io.github.iotembeddings.config.LongStatements;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Batch's history from growing forever: executions of the embedding job that ended longer
 * ago than the retention are deleted with their steps, contexts and parameters, a thousand per
 * transaction, and instances left with no execution go too. Kept whatever their age: the latest
 * execution of an instance that is FAILED or STOPPED (it can still be restarted), and the latest
 * execution of each mode (the reports describe them).
 */
@Component
public class ExecutionRetention {

	private static final Log logger = LogFactory.getLog(ExecutionRetention.class);

	private static final int BATCH = 1000;

	private static final String EXPIRED_SQL = """
			select je.job_execution_id from batch_job_execution je
			join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = ?
			where je.end_time < ?
			  and not (je.status in ('FAILED', 'STOPPED') and je.job_execution_id = (select max(l.job_execution_id)
			        from batch_job_execution l where l.job_instance_id = je.job_instance_id))
			  and je.job_execution_id not in (select max(p.job_execution_id) from batch_job_execution_params p
			        where p.parameter_name = '%s' group by p.parameter_value)
			order by je.job_execution_id limit ?""".formatted(EmbeddingJob.MODE);

	private final JdbcTemplate jdbcTemplate;

	private final LongStatements longStatements;

	ExecutionRetention(JdbcTemplate jdbcTemplate, LongStatements longStatements) {
		this.jdbcTemplate = jdbcTemplate;
		this.longStatements = longStatements;
	}

	/**
	 * @param keep how long an ended execution is kept
	 * @return how many executions were deleted
	 */
	public long purge(Duration keep) {
		// Batch stores times in the JVM's zone, without one.
		LocalDateTime before = LocalDateTime.now().minus(keep);
		long deleted = 0;
		while (true) {
			Integer batch = longStatements.inTransaction(status -> purgeBatch(before));
			if (batch == null || batch == 0) {
				break;
			}
			deleted += batch;
		}
		if (deleted > 0) {
			logger.info("Purged " + deleted + " job executions that ended before " + before.withNano(0) + " (retention "
					+ keep + ")");
		}
		return deleted;
	}

	private int purgeBatch(LocalDateTime before) {
		List<Long> ids = jdbcTemplate.queryForList(EXPIRED_SQL, Long.class, EmbeddingJob.NAME, before,
				BATCH);
		if (ids.isEmpty()) {
			return 0;
		}
		Object array = ids.toArray(Long[]::new);
		jdbcTemplate.update("""
				delete from batch_step_execution_context where step_execution_id in
				  (select step_execution_id from batch_step_execution where job_execution_id = any(?))""", array);
		jdbcTemplate.update("delete from batch_step_execution where job_execution_id = any(?)", array);
		jdbcTemplate.update("delete from batch_job_execution_context where job_execution_id = any(?)", array);
		jdbcTemplate.update("delete from batch_job_execution_params where job_execution_id = any(?)", array);
		jdbcTemplate.update("delete from batch_job_execution where job_execution_id = any(?)", array);
		jdbcTemplate.update("""
				delete from batch_job_instance ji where ji.job_name = ?
				  and not exists (select 1 from batch_job_execution je where je.job_instance_id = ji.job_instance_id)""",
				EmbeddingJob.NAME);
		return ids.size();
	}

}
