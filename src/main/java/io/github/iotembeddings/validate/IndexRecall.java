package io.github.iotembeddings.validate;

import java.util.ArrayList;
import java.util.List;

import com.pgvector.PGvector;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How good the IVFFlat index is: recall@10 against exact search for a sample of the table's own vectors
 * as queries, at the {@code ivfflat.probes} in use, and the fewest probes that reach 0.95.
 */
@Component
class IndexRecall {

	static final int K = 10;

	static final double TARGET = 0.95;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactionTemplate;

	IndexRecall(JdbcTemplate jdbcTemplate, TransactionTemplate transactionTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		this.transactionTemplate = transactionTemplate;
	}

	/**
	 * @param queries how many query vectors to sample
	 * @param lists the index's lists (the most probes that can help)
	 */
	RecallResult measure(int queries, int lists) {
		// A fixed sample (by hash of the id), so repeated validations compare like with like.
		List<PGvector> sample = jdbcTemplate.query(
				"select embedding from public.event_embeddings order by md5(event_id::text) limit ?",
				(rs, row) -> new PGvector(rs.getString(1)), queries);
		int probesInUse = Integer.parseInt(jdbcTemplate.queryForObject("show ivfflat.probes", String.class));
		List<List<Long>> exact = new ArrayList<>();
		for (PGvector query : sample) {
			exact.add(topK(query, null));
		}
		double atProbesInUse = recall(sample, exact, probesInUse);
		Integer probesForTarget = null;
		for (int probes : candidateProbes(lists)) {
			if (recall(sample, exact, probes) >= TARGET) {
				probesForTarget = probes;
				break;
			}
		}
		return new RecallResult(sample.size(), K, probesInUse, atProbesInUse, TARGET, probesForTarget, lists);
	}

	/** 1, 2, 4, ... below lists, then lists itself (where IVFFlat search is exact). */
	static List<Integer> candidateProbes(int lists) {
		List<Integer> candidates = new ArrayList<>();
		for (int probes = 1; probes < lists; probes *= 2) {
			candidates.add(probes);
		}
		if (lists > 0) {
			candidates.add(lists);
		}
		return candidates;
	}

	private double recall(List<PGvector> sample, List<List<Long>> exact, int probes) {
		List<List<Long>> approximate = new ArrayList<>();
		for (PGvector query : sample) {
			approximate.add(topK(query, probes));
		}
		return Recall.atK(exact, approximate);
	}

	/** Exact search when {@code probes} is null (no index), else the index at that many probes. */
	private List<Long> topK(PGvector query, @Nullable Integer probes) {
		return transactionTemplate.execute(status -> {
			if (probes == null) {
				jdbcTemplate.execute("set local enable_indexscan = off");
				jdbcTemplate.execute("set local enable_bitmapscan = off");
			}
			else {
				jdbcTemplate.execute("set local enable_seqscan = off");
				jdbcTemplate.execute("set local ivfflat.probes = " + probes);
			}
			return jdbcTemplate.queryForList(
					"select event_id from public.event_embeddings order by embedding <=> ? limit " + K, Long.class, query);
		});
	}

}
