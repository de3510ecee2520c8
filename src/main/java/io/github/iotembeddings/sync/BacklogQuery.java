package io.github.iotembeddings.sync;

import java.time.Instant;
import java.util.List;

import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.schema.RowEstimates;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Measures the backlog ({@link Backlog}) for {@code status}, the metrics and health: the watermark, the
 * pending work where the next sync looks for it ({@link PendingWork}), the errors list and the last full
 * check. No query reads every event: a few index lookups and the planner's table estimates, whatever the
 * table's size.
 */
@Component
public class BacklogQuery {

	private final JdbcTemplate jdbcTemplate;

	private final PendingWork pendingWork;

	private final SyncPlanner planner;

	private final String fullChecks;

	private final RowEstimates rowEstimates;

	BacklogQuery(JdbcTemplate jdbcTemplate, PendingWork pendingWork, SyncPlanner planner, ToolSchema schema,
			RowEstimates rowEstimates) {
		this.rowEstimates = rowEstimates;
		this.jdbcTemplate = jdbcTemplate;
		this.pendingWork = pendingWork;
		this.planner = planner;
		this.fullChecks = schema.qualify("full_checks");
	}

	/**
	 * @param modelId the model the next sync would embed with, as {@code event_embeddings.model} records it
	 * @return the backlog now, over all events
	 */
	public Backlog measure(String modelId) {
		SyncPlanner.Watermark watermark = planner.read(Partition.WHOLE);
		Long checkedThrough = (watermark != null) ? watermark.checkedThrough() : null;
		PendingWork.Counts pending = pendingWork.measure(Partition.WHOLE, modelId, planner.unembeddedAbove(watermark));
		Long failing = jdbcTemplate.queryForObject("select count(*) from event_embedding_errors", Long.class);
		return new Backlog(rowEstimates.of("public.iot_events"), rowEstimates.of("public.event_embeddings"), pending,
				(failing != null) ? failing : 0, checkedThrough, (watermark != null) ? watermark.syncedAt() : null,
				lastFullCheck(), Instant.now());
	}

	/** @return the latest full check over all events, or null when none has run */
	public @Nullable FullCheckResult lastFullCheck() {
		List<FullCheckResult> rows = jdbcTemplate.query("select * from " + fullChecks
				+ " where partition = '' order by id desc limit 1",
				(rs, row) -> new FullCheckResult(rs.getString("partition"), rs.getString("model"),
						rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
						rs.getLong("events"), rs.getLong("missing"), rs.getLong("stale_text"), rs.getLong("other_model"),
						rs.getLong("orphans"), rs.getLong("queued")));
		return rows.isEmpty() ? null : rows.get(0);
	}

}
