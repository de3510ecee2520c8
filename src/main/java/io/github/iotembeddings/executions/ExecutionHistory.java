package io.github.iotembeddings.executions;

import io.github.iotembeddings.job.EmbeddingErrors;
import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.job.VectorSources;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.iotembeddings.common.Messages;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedding job's executions as the Batch metadata records them: pages of them, newest first and
 * filtered, and one in detail. Every query costs what it returns, not the size of the history: pages
 * are keyset pages (on the execution id, or on the start time when a day filter is given; no offset,
 * no count), and each filter has its index (changeset 010; the plans at 50,000 executions are in
 * docs/BENCHMARKS.md).
 */
@Service
public class ExecutionHistory {

	/** The most failed events an execution's detail lists. */
	public static final int FAILED_EVENTS = 100;

	/** The largest page. */
	public static final int MAX_PAGE_SIZE = 1000;

	/**
	 * The summaries of the executions the first {@code %s} selects (a query of {@code job_execution_id}s, at
	 * most a page of them), in its order (the second): the parameters one probe each, the step counts
	 * summed over the execution's steps.
	 */
	private static final String SUMMARIES_SQL = "select je.job_execution_id, je.status, je.start_time, je.end_time,"
			+ " je.exit_message, " + parameter(EmbeddingJob.MODE) + " as mode, " + parameter(EmbeddingJob.LIMIT)
			+ " as run_limit, " + parameter(EmbeddingJob.CHUNK_SIZE) + " as chunk_size, " + parameter(EmbeddingJob.MODEL)
			+ " as model, " + """
			  s.read_count, s.write_count, s.skip_count
			from (%s) page
			join batch_job_execution je on je.job_execution_id = page.job_execution_id
			cross join lateral (select coalesce(sum(se.read_count), 0) as read_count,
			    coalesce(sum(se.write_count), 0) as write_count,
			    coalesce(sum(se.read_skip_count + se.process_skip_count + se.write_skip_count), 0) as skip_count
			  from batch_step_execution se where se.job_execution_id = je.job_execution_id) s
			order by %s""";

	private static final String BY_ID = "je.job_execution_id desc";

	private static final String BY_START_TIME = "je.start_time desc, je.job_execution_id desc";

	private static final String EXECUTIONS_SQL = """
			select je.job_execution_id from batch_job_execution je
			join batch_job_instance ji on ji.job_instance_id = je.job_instance_id
			where ji.job_name = ?""";

	private static final String RESTARTED_AS_SQL = """
			select min(job_execution_id) from batch_job_execution
			where job_instance_id = ? and job_execution_id > ?""";

	private final JdbcTemplate jdbcTemplate;

	private final ExecutionRules rules;

	private final EmbeddingErrors errors;

	private final TransactionTemplate transaction;

	ExecutionHistory(JdbcTemplate jdbcTemplate, ExecutionRules rules, EmbeddingErrors errors,
			TransactionTemplate transaction) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
		this.rules = rules;
		this.errors = errors;
	}

	/**
	 * @param filter which executions
	 * @param before only executions after this one in the list (the previous page's
	 * {@link ExecutionPage#nextBefore}), or {@code null} for the newest
	 * @param size the most executions on the page, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page, newest first: by id, or with a day filter by start time (then id)
	 */
	public ExecutionPage page(ExecutionFilter filter, @Nullable Long before, int size) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidFilterException("a page holds 1 to " + MAX_PAGE_SIZE + " executions, not " + size);
		}
		// One more than the page: whether there is an older page, without counting.
		List<ExecutionSummary> rows = select(filter, before, size + 1);
		if (rows.size() <= size) {
			return new ExecutionPage(rows, null);
		}
		List<ExecutionSummary> page = rows.subList(0, size);
		return new ExecutionPage(page, page.get(size - 1).id());
	}

	/**
	 * @param executionId an execution of the embedding job
	 * @return where the vectors it wrote came from, as its steps saved it at their last commit
	 */
	public VectorSources vectorSources(long executionId) {
		JobExecution execution = rules.find(executionId);
		return (execution != null) ? VectorSources.of(execution) : VectorSources.NONE;
	}

	/**
	 * @param partition a share of the events
	 * @return the executions over exactly that share still marked running, oldest first: resumed when their
	 * process is gone
	 */
	public List<Long> markedRunning(Partition partition) {
		return jdbcTemplate.queryForList("""
				select je.job_execution_id from batch_job_execution je
				join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = ?
				where je.status in ('STARTING', 'STARTED', 'STOPPING')
				  and coalesce((select p.parameter_value from batch_job_execution_params p
				       where p.job_execution_id = je.job_execution_id and p.parameter_name = ?), '') = ?
				order by je.job_execution_id""", Long.class, EmbeddingJob.NAME, EmbeddingJob.PARTITION,
				partition.isWhole() ? "" : partition.toString());
	}

	/**
	 * @param count how many, at least 1
	 * @return the latest executions of the embedding job, newest first
	 */
	public List<ExecutionSummary> latest(int count) {
		if (count < 1) {
			throw new InvalidFilterException("ask for at least 1 execution, not " + count);
		}
		return select(ExecutionFilter.NONE, null, count);
	}

	/**
	 * @param modes recorded modes ({@code mode} job parameter, which a restart keeps), e.g. {@code backfill}
	 * @param count how many, at least 1
	 * @return the latest executions of those modes, newest first, from the index on the mode parameter
	 */
	public List<ExecutionSummary> latest(Set<String> modes, int count) {
		if (count < 1) {
			throw new InvalidFilterException("ask for at least 1 execution, not " + count);
		}
		return summaries(EXECUTIONS_SQL + " and je.job_execution_id in (select p.job_execution_id"
				+ " from batch_job_execution_params p where p.parameter_name = '" + EmbeddingJob.MODE
				+ "' and p.parameter_value = any(?))"
				+ " order by " + BY_ID + " limit ?", BY_ID, EmbeddingJob.NAME,
				modes.toArray(String[]::new), count);
	}

	private List<ExecutionSummary> select(ExecutionFilter filter, @Nullable Long before, int limit) {
		// A day filter lists by start time, from the start time index: the ids newest first would walk
		// the whole history down to an old day, which the planner cannot tell from a recent one.
		boolean byStartTime = filter.from() != null || filter.to() != null;
		StringBuilder sql = new StringBuilder(EXECUTIONS_SQL);
		List<Object> arguments = new ArrayList<>(List.of(EmbeddingJob.NAME));
		if (before != null && byStartTime) {
			// A page boundary purged by retention in the meantime ends the list.
			sql.append(" and (je.start_time, je.job_execution_id) < (coalesce((select b.start_time from"
					+ " batch_job_execution b where b.job_execution_id = ?), '-infinity'), ?)");
			arguments.add(before);
			arguments.add(before);
		}
		else if (before != null) {
			sql.append(" and je.job_execution_id < ?");
			arguments.add(before);
		}
		if (filter.status() != null) {
			sql.append(" and je.status = ?");
			arguments.add(filter.status());
		}
		if (filter.mode() != null) {
			// From the partial index on the mode parameter when the mode is rare; the bound is repeated in
			// the subquery, as the planner does not carry a range across the join.
			sql.append(" and je.job_execution_id in (select p.job_execution_id from batch_job_execution_params p"
					+ " where p.parameter_name = '" + EmbeddingJob.MODE + "' and p.parameter_value = ?");
			arguments.add(filter.mode());
			if (before != null && !byStartTime) {
				sql.append(" and p.job_execution_id < ?");
				arguments.add(before);
			}
			sql.append(")");
		}
		if (filter.from() != null) {
			sql.append(" and je.start_time >= ?");
			arguments.add(filter.from().atStartOfDay());
		}
		if (filter.to() != null) {
			sql.append(" and je.start_time < ?");
			arguments.add(filter.to().plusDays(1).atStartOfDay());
		}
		String order = byStartTime ? BY_START_TIME : BY_ID;
		sql.append(" order by ").append(order).append(" limit ?");
		arguments.add(limit);
		List<ExecutionSummary> rows = transaction.execute(status -> {
			// The driver prepares a repeated query on the server, and PostgreSQL then settles on a plan made
			// without the values, which picks the wrong index for a rare status, mode or day (hundreds of
			// ms at 50,000 executions, docs/BENCHMARKS.md): each page is planned with its own values.
			jdbcTemplate.execute("set local plan_cache_mode = force_custom_plan");
			return summaries(sql.toString(), order, arguments.toArray());
		});
		return (rows != null) ? rows : List.of();
	}

	/**
	 * @param executionId an execution id
	 * @return the execution, its parameters, steps, the events it failed on and what may be done with it;
	 * empty when there is no such execution of the embedding job
	 */
	public Optional<ExecutionDetail> detail(long executionId) {
		JobExecution execution = rules.find(executionId);
		if (execution == null || !EmbeddingJob.NAME.equals(execution.getJobInstance().getJobName())) {
			return Optional.empty();
		}
		List<ExecutionSummary> summary = summaries(EXECUTIONS_SQL + " and je.job_execution_id = ?", BY_ID,
				EmbeddingJob.NAME, executionId);
		if (summary.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		execution.getJobParameters()
			.parameters()
			.stream()
			.sorted(Comparator.comparing(parameter -> parameter.name()))
			.forEach(parameter -> parameters.put(parameter.name(), String.valueOf(parameter.value())));
		List<StepSummary> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.map(ExecutionHistory::step)
			.toList();
		Long restartedAs = jdbcTemplate.queryForObject(RESTARTED_AS_SQL, Long.class,
				execution.getJobInstance().getInstanceId(), executionId);
		return Optional.of(new ExecutionDetail(summary.get(0), parameters, steps,
				execution.getExitStatus().getExitDescription(), errors.failedIn(executionId, FAILED_EVENTS),
				restartedAs, rules.actions(execution, restartedAs)));
	}

	private List<ExecutionSummary> summaries(String executions, String order, Object... arguments) {
		return jdbcTemplate.query(SUMMARIES_SQL.formatted(executions, order),
				(rs, row) -> new ExecutionSummary(rs.getLong("job_execution_id"), rs.getString("status"),
						rs.getString("mode"), parseLong(rs.getString("run_limit")), parseLong(rs.getString("chunk_size")),
						rs.getString("model"), rs.getLong("read_count"), rs.getLong("write_count"),
						rs.getLong("skip_count"), rs.getObject("start_time", LocalDateTime.class),
						rs.getObject("end_time", LocalDateTime.class), Messages.firstLine(rs.getString("exit_message"))),
				arguments);
	}

	private static StepSummary step(StepExecution step) {
		return new StepSummary(step.getId(), step.getStepName(), step.getStatus().name(), step.getReadCount(),
				step.getWriteCount(), step.getCommitCount(), step.getRollbackCount(), step.getSkipCount(),
				step.getFilterCount(), step.getStartTime(), step.getEndTime(), step.getExitStatus().getExitCode(),
				step.getExitStatus().getExitDescription());
	}

	private static @Nullable Long parseLong(@Nullable String value) {
		return (value == null) ? null : Long.valueOf(value);
	}

	/**
	 * A parameter of the execution {@code je} as a scalar subquery. The name is spliced in as a literal, not
	 * bound: the partial indexes on the parameters (changeset 010) serve only a literal condition.
	 */
	private static String parameter(String name) {
		return "(select p.parameter_value from batch_job_execution_params p where p.job_execution_id ="
				+ " je.job_execution_id and p.parameter_name = '" + name + "')";
	}

}
