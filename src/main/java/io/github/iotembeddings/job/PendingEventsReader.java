package io.github.iotembeddings.job;

import io.github.iotembeddings.sync.PendingEvents;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads the {@link PendingEvents} of a run, source after source, each newest first, one page per query
 * (a keyset: ids below the last one returned). Pages are read inside the chunk's transaction, so the
 * change-queue entries a page locks stay locked until the chunk that embeds them commits.
 *
 * <p>Restart: the source and the last id handed to the step are saved at every chunk commit; a restarted
 * execution reads on from there. Events committed before the failure are not read again, since every
 * source's condition excludes them.
 */
class PendingEventsReader implements ItemStreamReader<EventText> {

	private static final String SOURCE_KEY = "pending.source";

	private static final String AT_MOST_KEY = "pending.at.most";

	static final String READ_KEY = "pending.read";

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final PendingEvents pending;

	private final int pageSize;

	private final long limit;

	private final Deque<EventText> page = new ArrayDeque<>();

	private int source;

	private long atMost = Long.MAX_VALUE;

	private long read;

	private @Nullable Timestamp retryDueBefore;

	/**
	 * @param limit the most events to read over the whole run, restarts included
	 */
	PendingEventsReader(NamedParameterJdbcTemplate jdbcTemplate, PendingEvents pending, int pageSize, long limit) {
		this.jdbcTemplate = jdbcTemplate;
		this.pending = pending;
		this.pageSize = pageSize;
		this.limit = limit;
	}

	@Override
	public void open(ExecutionContext context) {
		source = context.getInt(SOURCE_KEY, 0);
		atMost = context.getLong(AT_MOST_KEY, Long.MAX_VALUE);
		read = context.getLong(READ_KEY, 0);
		// The database's clock, which set every next_attempt_at.
		retryDueBefore = jdbcTemplate.getJdbcTemplate().queryForObject("select clock_timestamp()", Timestamp.class);
		page.clear();
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(SOURCE_KEY, source);
		context.putLong(AT_MOST_KEY, atMost);
		context.putLong(READ_KEY, read);
	}

	@Override
	public @Nullable EventText read() {
		if (read >= limit) {
			return null;
		}
		while (page.isEmpty()) {
			if (source >= pending.sources().size()) {
				return null;
			}
			if (!fetchPage()) {
				source++;
				atMost = Long.MAX_VALUE;
			}
		}
		EventText event = page.poll();
		// An id at the very top of bigint is read too: the bound is inclusive.
		atMost = (event.id() == Long.MIN_VALUE) ? Long.MIN_VALUE : event.id() - 1;
		read++;
		return event;
	}

	private boolean fetchPage() {
		Map<String, Object> parameters = new HashMap<>(pending.parameters());
		parameters.put("atMost", atMost);
		parameters.put("retryDueBefore", retryDueBefore);
		parameters.put("limit", (int) Math.min(pageSize, limit - read));
		List<EventText> rows = jdbcTemplate.query(pending.pageSql(pending.sources().get(source)), parameters,
				(rs, row) -> new EventText(rs.getLong("id"), rs.getString("embedding_text"), rs.getString("text_hash"),
						entries(rs)));
		page.addAll(rows);
		return !rows.isEmpty();
	}

	private static List<Long> entries(ResultSet rs) throws SQLException {
		Array array = rs.getArray("queue_entries");
		return (array != null) ? Arrays.asList((Long[]) array.getArray()) : List.of();
	}

}
