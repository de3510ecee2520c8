package io.github.iotembeddings.search;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.events.EventTextFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the rows written before {@code event_embeddings.keywords} existed their keywords ({@code keyword-index}):
 * a walk down {@code event_id} in slices, newest first (the events searched most), each slice one short
 * transaction that fills its rows and moves the position kept in {@code keyword_fill}, so an interrupted pass
 * goes on where it stopped and two passes at once share the work. A row gets the keywords of its event's text
 * only when that text is the one its vector was made from (the stored text hash): a row whose text changed
 * since is re-embedded by the next sync or full check, which writes both. No statement reads more than a
 * slice.
 */
@Component
public class KeywordFill {

	private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

	/** Formatted with the state table; the row is locked so that two passes take slices one after the other. */
	private static final String STATE_SQL = "select below, refill, finished_at is not null as finished from %s where id = 1";

	/** Formatted with the keywords function and the text call; parameters low, high (exclusive), refill. */
	private static final String SLICE_SQL = """
			update public.event_embeddings ee set keywords = %s(t.embedded_text)
			from (select e.id, %s as embedded_text from public.iot_events e where e.id >= ? and e.id < ?) t
			where ee.event_id = t.id and ee.event_id >= ? and ee.event_id < ? and (ee.keywords is null or ?)
			  and ee.text_hash = md5(coalesce(t.embedded_text, ''))""";

	private final JdbcTemplate jdbcTemplate;

	private final LongStatements longStatements;

	private final String stateTable;

	private final String keywordsFunction;

	KeywordFill(JdbcTemplate jdbcTemplate, LongStatements longStatements, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.longStatements = longStatements;
		this.stateTable = schema.qualify("keyword_fill");
		this.keywordsFunction = schema.qualify("iot_events_keywords");
	}

	/** @return whether rows written before the keywords existed may still lack them (one primary-key read) */
	public boolean pending() {
		return !Boolean.TRUE.equals(jdbcTemplate.queryForObject(
				"select finished_at is not null from " + stateTable + " where id = 1", Boolean.class));
	}

	/**
	 * Asks for every row's keywords to be computed again by the next pass, e.g. after a change of the text
	 * search configuration.
	 */
	public void requestRefill() {
		jdbcTemplate.update("update " + stateTable + " set below = null, refill = true, filled = 0, started_at = null,"
				+ " finished_at = null where id = 1");
	}

	/**
	 * Fills slice after slice until every row is done or {@code maxSlices} slices are.
	 * @param slice event ids per slice (one transaction)
	 * @param maxSlices the most slices this call fills; the next call goes on from there
	 * @param progress told what is done, the rate and the time left, every few seconds
	 * @return what this call did
	 */
	public Result run(long slice, long maxSlices, Consumer<String> progress) {
		Map<String, Object> bounds = jdbcTemplate.queryForMap(
				"select min(event_id) as low, max(event_id) as high from public.event_embeddings");
		long low = (bounds.get("low") != null) ? ((Number) bounds.get("low")).longValue() : 0;
		long high = (bounds.get("high") != null) ? ((Number) bounds.get("high")).longValue() : 0;
		long started = System.nanoTime();
		long lastReport = started;
		long filled = 0;
		long slices = 0;
		Long from = null;
		while (slices < maxSlices) {
			Slice done = Objects.requireNonNull(longStatements.inTransaction(status -> nextSlice(slice, low, high)));
			if (done.finished()) {
				return new Result(filled, slices, true, (System.nanoTime() - started) / 1e9);
			}
			from = (from != null) ? from : done.high();
			filled += done.filled();
			slices++;
			long now = System.nanoTime();
			if (now - lastReport >= PROGRESS_EVERY_NANOS) {
				lastReport = now;
				double seconds = (now - started) / 1e9;
				double share = (double) (from - done.low()) / Math.max(1, from - low);
				progress.accept(String.format(Locale.ROOT,
						"keyword-index: %,d rows filled, ids %,d..%,d done (%.0f%%), %,.0f rows/s, ETA %.0f s", filled,
						done.low(), from - 1, 100 * share, filled / seconds, seconds * (1 - share) / Math.max(share, 1e-9)));
			}
		}
		return new Result(filled, slices, !pending(), (System.nanoTime() - started) / 1e9);
	}

	/** One slice below the kept position, in the caller's transaction; the position moves with it. */
	private Slice nextSlice(long slice, long low, long high) {
		Map<String, Object> state = jdbcTemplate.queryForMap(STATE_SQL.formatted(stateTable) + " for update");
		if (Boolean.TRUE.equals(state.get("finished"))) {
			return new Slice(0, 0, 0, true);
		}
		// Set when a pass first runs rather than at migrate: rows an older version wrote since are covered too.
		long below = (state.get("below") != null) ? ((Number) state.get("below")).longValue() : high + 1;
		if (below <= low) {
			jdbcTemplate.update("update " + stateTable + " set below = ?, finished_at = now(), refill = false where id = 1",
					below);
			return new Slice(0, below, below, true);
		}
		long sliceLow = Math.max(below - slice, low);
		boolean refill = Boolean.TRUE.equals(state.get("refill"));
		int filled = jdbcTemplate.update(SLICE_SQL.formatted(keywordsFunction, EventTextFunction.CALL), sliceLow, below,
				sliceLow, below, refill);
		jdbcTemplate.update("update " + stateTable + " set below = ?, filled = filled + ?,"
				+ " started_at = coalesce(started_at, now()) where id = 1", sliceLow, filled);
		return new Slice(filled, sliceLow, below, false);
	}

	private record Slice(long filled, long low, long high, boolean finished) {
	}

	/**
	 * @param filled rows this call gave keywords
	 * @param slices slices it filled
	 * @param finished whether no row written before the keywords existed is left
	 * @param seconds how long it took
	 */
	public record Result(long filled, long slices, boolean finished, double seconds) {
	}

}
