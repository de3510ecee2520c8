package io.github.iotembeddings.report;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.iotembeddings.executions.ExecutionSummary;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A few events a run wrote, drawn at random from the rows it still holds (a later re-embedding gives a
 * row a later {@code created_at}). Every row of a chunk carries its transaction's start time, so a draw
 * is a random instant in the run, the chunk that started at or before it, and a random row of that
 * chunk: a row's chance follows its chunk's share of the run's time, and a draw costs one chunk's rows
 * (at most the run's chunk size) through the {@code created_at} index, whatever the size of the run or of
 * the table.
 */
@Component
class RunSample {

	static final int SIZE = 5;

	/** How the sample is drawn, for the reports. */
	static final String METHOD = "up to " + SIZE + " distinct events drawn at random from the rows the run wrote and"
			+ " still holds: a random instant in the run, the latest chunk begun by then (its rows share their"
			+ " transaction's created_at), a random row of that chunk";

	/** Draws per id wanted: a draw before the first chunk started finds none, and two may find one row. */
	private static final int DRAWS_PER_ID = 3;

	/** The most rows of one timestamp a draw reads. */
	private static final long MAX_CHUNK_ROWS = 10_000;

	// The second lateral names draws.at (true anyway) so that a plan that caches a lateral's result by its
	// parameters (Memoize) draws again for each draw rather than repeating a chunk's first pick.
	private static final String DRAW_SQL = """
			with draws as (
			  select ?::timestamptz + random() * (?::timestamptz - ?::timestamptz) as at from generate_series(1, ?))
			select picked.event_id from draws
			cross join lateral (select ee.created_at from public.event_embeddings ee
			  where ee.created_at <= draws.at and ee.created_at >= ? order by ee.created_at desc limit 1) chunk
			cross join lateral (select c.event_id from (select ee.event_id from public.event_embeddings ee
			  where ee.created_at = chunk.created_at and ee.created_at <= draws.at limit ?) c
			  order by random() limit 1) picked""";

	private final JdbcTemplate jdbcTemplate;

	RunSample(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return up to {@link #SIZE} distinct event ids, in the order drawn; none for a run that wrote none */
	List<Long> draw(ExecutionSummary run) {
		if (run.startTime() == null || run.written() == 0) {
			return List.of();
		}
		// Batch records times in this JVM's zone, without one.
		Timestamp start = timestamp(run.startTime());
		Timestamp end = timestamp((run.endTime() != null) ? run.endTime() : LocalDateTime.now());
		// A chunk holds at most chunk-size rows; the cap bounds a draw where rows written otherwise (a bulk
		// load in one transaction) share a timestamp.
		long chunkRows = Math.min(Math.max((run.chunkSize() != null) ? run.chunkSize() : MAX_CHUNK_ROWS, 1), MAX_CHUNK_ROWS);
		Set<Long> ids = new LinkedHashSet<>(jdbcTemplate.queryForList(DRAW_SQL, Long.class, start, end, start,
				SIZE * DRAWS_PER_ID, start, chunkRows));
		return ids.stream().limit(SIZE).toList();
	}

	private static Timestamp timestamp(LocalDateTime time) {
		return Timestamp.from(time.atZone(ZoneId.systemDefault()).toInstant());
	}

}
