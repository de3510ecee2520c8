package io.github.iotembeddings.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.SyncProperties;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.events.Partition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * Decides what each sync reads, from the per-share record that makes a sync cost what changed
 * ({@code sync_state} in the tool's schema):
 * the id through which every event had an embedding when the last sync ended (the watermark), and the
 * model and text expression of the last full check. A sync looks for new events only above the watermark less
 * {@code embeddings.sync.late-commit-window} ids, reads the change queue and the due retries, and when
 * all three are empty launches nothing: it moves the watermark and returns. A first sync, or one under a
 * model or text expression no full check has seen, checks every event first ({@link FullCheck}).
 */
@Component
public class SyncPlanner {

	private final JdbcTemplate jdbcTemplate;

	private final PendingWork pendingWork;

	private final FullCheck fullCheck;

	private final ChangeQueue changeQueue;

	private final SyncProperties properties;

	private final JobProperties jobProperties;

	private final String table;

	SyncPlanner(JdbcTemplate jdbcTemplate, PendingWork pendingWork, FullCheck fullCheck, ChangeQueue changeQueue,
			SyncProperties properties, JobProperties jobProperties, ToolSchema schema) {
		this.jobProperties = jobProperties;
		this.jdbcTemplate = jdbcTemplate;
		this.pendingWork = pendingWork;
		this.fullCheck = fullCheck;
		this.changeQueue = changeQueue;
		this.properties = properties;
		this.table = schema.qualify("sync_state");
	}

	/**
	 * Called under the run's lock, so no other run of the share plans or writes at the same time.
	 * @param partition the share of the events
	 * @param modelId the model that embeds now
	 * @param fullCheckAsked whether to check every event first (reconcile), queueing what it finds
	 * @return what the sync reads, or empty when it has nothing to do: then no execution is launched
	 */
	public Optional<Plan> plan(Partition partition, String modelId, boolean fullCheckAsked) {
		changeQueue.dropDeletedEvents();
		Watermark watermark = read(partition);
		Long above = unembeddedAbove(watermark);
		String text = textExpressionHash();
		if (fullCheckAsked || watermark == null || !modelId.equals(watermark.fullCheckModel())
				|| !text.equals(watermark.fullCheckText())) {
			fullCheck.run(partition, modelId, above);
			jdbcTemplate.update("insert into " + table + " (partition, full_check_model, full_check_text) values (?, ?, ?)"
					+ " on conflict (partition) do update set full_check_model = excluded.full_check_model,"
					+ " full_check_text = excluded.full_check_text", key(partition), modelId, text);
		}
		Long highest = jdbcTemplate.queryForObject("select max(id) from public.iot_events", Long.class);
		if (highest == null) {
			return Optional.empty();
		}
		if (!pendingWork.any(partition, modelId, above)) {
			// Nothing below the highest id lacks an embedding: the next sync looks above it.
			completed(partition, highest);
			return Optional.empty();
		}
		return Optional.of(new Plan(above, highest));
	}

	/**
	 * A sync over the share completed (whether it ran through at once or was restarted): every event
	 * through {@code checkedThrough} has an embedding or an entry in the errors list.
	 * @param partition the share
	 * @param checkedThrough the run's plan's {@link Plan#checkedThrough()}
	 */
	public void completed(Partition partition, long checkedThrough) {
		jdbcTemplate.update("insert into " + table + " (partition, checked_through, synced_at) values (?, ?, now())"
				+ " on conflict (partition) do update set checked_through = greatest(" + table
				+ ".checked_through, excluded.checked_through), synced_at = now()", key(partition), checkedThrough);
	}

	/**
	 * @param partition the share
	 * @return its watermark, or null before its first sync
	 */
	public @Nullable Watermark read(Partition partition) {
		List<Watermark> rows = jdbcTemplate.query("select checked_through, full_check_model, full_check_text, synced_at from "
				+ table + " where partition = ?", (rs, row) -> new Watermark(rs.getObject("checked_through", Long.class),
						rs.getString("full_check_model"), rs.getString("full_check_text"), rs.getTimestamp("synced_at").toInstant()),
				key(partition));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * @param watermark a share's watermark, as {@link #read} gave it
	 * @return where a sync of the share looks for new events: the watermark less the late-commit window;
	 * null when it walks them all
	 */
	@Nullable Long unembeddedAbove(@Nullable Watermark watermark) {
		return (watermark != null && watermark.checkedThrough() != null)
				? watermark.checkedThrough() - properties.lateCommitWindow() : null;
	}

	/** The configured text expression, as a short fingerprint: a new expression gives every event a new text. */
	private String textExpressionHash() {
		return DigestUtils.md5DigestAsHex(jobProperties.textSql().getBytes(StandardCharsets.UTF_8));
	}

	private static String key(Partition partition) {
		return partition.isWhole() ? "" : partition.toString();
	}

	/**
	 * What a sync reads.
	 *
	 * @param unembeddedAbove look for events with no embedding above this id; {@code null} for all events
	 * @param checkedThrough the highest event id when the sync was planned
	 */
	public record Plan(@Nullable Long unembeddedAbove, long checkedThrough) {

	}

	/**
	 * @param checkedThrough every event up to this id had an embedding when the last sync ended; null before
	 * the first sync completed
	 * @param fullCheckModel the model of the last full check
	 * @param syncedAt when a sync last ended or found nothing to do
	 */
	public record Watermark(@Nullable Long checkedThrough, @Nullable String fullCheckModel, @Nullable String fullCheckText,
			Instant syncedAt) {

	}

}
