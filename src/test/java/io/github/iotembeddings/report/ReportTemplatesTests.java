package io.github.iotembeddings.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.job.VectorSources;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.validate.Check;
import io.github.iotembeddings.validate.Neighbour;
import io.github.iotembeddings.validate.PlanScan;
import io.github.iotembeddings.validate.QueryPlan;
import io.github.iotembeddings.validate.RecallResult;
import io.github.iotembeddings.validate.SimilarityResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Markdown templates give, byte for byte, what the reports said when they were built in Java (these
 * expectations are that code's output for the same input): _reports/README.md and readers of the files rely on
 * it. A template's line breaks are part of its output, so these tests also catch a stray one.
 */
class ReportTemplatesTests {

	private static final LocalDateTime START = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123456000);

	private final ReportTemplates templates = new ReportTemplates();

	@Test
	void theTableOfRunsHasAFireTimeColumnInTheSyncHistoryOnly() {
		// given a completed backfill with samples, a restart that never started, a failed scheduled sync
		List<RunHistory.Run> runs = List.of(
				new RunHistory.Run(new ExecutionSummary(7, "COMPLETED", "backfill", 20L, 8L, "all-MiniLM-L6-v2@256", 20, 20, 0,
						START, START.plusNanos(1_250_000_000L), ""), null, null),
				new RunHistory.Run(new ExecutionSummary(9, "STARTED", null, null, null, null, 0, 0, 0, null, null, ""), 7L,
						"2026-01-02 03:04:00.0"),
				new RunHistory.Run(new ExecutionSummary(11, "FAILED", "schedule", null, 128L, "m", 3, 2, 1, START,
						START.plusNanos(50_000_000L), "cause: boom"), 10L, "2026-01-02T03:04:00"));
		List<RunEntry> backfills = List.of(RunEntry.of(runs.get(0), new VectorSources(10, 6, 4), List.of(3L, 1L, 2L)),
				RunEntry.of(runs.get(1), VectorSources.NONE, List.of()),
				RunEntry.of(runs.get(2), new VectorSources(1, 0, 1), List.of()));
		List<RunEntry> syncs = runs.stream().map(run -> RunEntry.of(run, VectorSources.NONE, null)).toList();

		// when
		String backfillTable = templates.part("runs.md", Map.of("runs", backfills, "fireTime", false));
		String syncTable = templates.part("runs.md", Map.of("runs", syncs, "fireTime", true));

		// then durations round half up, as String.format does, and what a run lacks is a dash
		assertThat(backfillTable).isEqualTo("""
				| run | restart of | mode | limit | chunk | model | status | start | duration | read | written | skipped | events/s | by the model | copied within a chunk | copied stored | sample event ids |
				| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
				| 7 | - | backfill | 20 | 8 | all-MiniLM-L6-v2@256 | COMPLETED | 2026-01-02T03:04:05.123456 | 1.3 s | 20 | 20 | 0 | 16.0 | 10 | 6 | 4 | [3, 1, 2] |
				| 9 | 7 | - | - | - | - | STARTED | - | - | 0 | 0 | 0 | - | 0 | 0 | 0 | - |
				| 11 | 10 | schedule | - | 128 | m | FAILED | 2026-01-02T03:04:05.123456 | 0.1 s | 3 | 2 | 1 | 40.0 | 1 | 0 | 1 | - |""");
		assertThat(syncTable).isEqualTo("""
				| run | restart of | mode | limit | chunk | model | status | fire time | start | duration | read | written | skipped | events/s | by the model | copied within a chunk | copied stored | sample event ids |
				| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
				| 7 | - | backfill | 20 | 8 | all-MiniLM-L6-v2@256 | COMPLETED | - | 2026-01-02T03:04:05.123456 | 1.3 s | 20 | 20 | 0 | 16.0 | 0 | 0 | 0 | - |
				| 9 | 7 | - | - | - | - | STARTED | 2026-01-02 03:04:00.0 | - | - | 0 | 0 | 0 | - | 0 | 0 | 0 | - |
				| 11 | 10 | schedule | - | 128 | m | FAILED | 2026-01-02T03:04:00 | 2026-01-02T03:04:05.123456 | 0.1 s | 3 | 2 | 1 | 40.0 | 0 | 0 | 0 | - |""");
	}

	@Test
	void theTableStatisticsAreOnePhrase() {
		assertThat(statistics(new TableStatistics.Analysis(null, null, 0, -1)))
			.isEqualTo("never analysed since the server's statistics were last reset");
		assertThat(statistics(new TableStatistics.Analysis("2026-01-02T03:04:05.123456Z", "analyze", 1234567, 9876543)))
			.isEqualTo("last analysed 2026-01-02T03:04:05.123456Z by `analyze`; 1,234,567 rows changed since;"
					+ " the planner's row estimate 9,876,543");
		assertThat(statistics(new TableStatistics.Analysis("2026-01-02T03:04:05Z", "autovacuum", 0, 0)))
			.isEqualTo("last analysed 2026-01-02T03:04:05Z by autovacuum; 0 rows changed since; the planner's row estimate 0");
	}

	@Test
	void theBackfillReportSaysWhenNoBackfillHasRun() {
		// given
		RunReports.BackfillFile none = new RunReports.BackfillFile("2026-01-02T03:04:05Z", "db:5432/app", RunSample.METHOD,
				new TableStatistics.Analysis(null, null, 0, -1), List.of());

		// when
		String markdown = templates.render("emb_backfill.md",
				Map.of("report", none, "atMost", 50, "runTable", "(runs)", "statistics", "(statistics)"));

		// then
		assertThat(markdown).isEqualTo("""
				# Backfill runs

				Database `db:5432/app`, generated 2026-01-02T03:04:05Z. The latest backfill runs (50 at most) from Spring \
				Batch's metadata, newest first; a restart of a backfill execution is a run of that backfill, listed with the \
				execution it resumed. Syncs are in `emb_sync_history.md`.

				No backfill has run.


				Table statistics of `public.event_embeddings`: (statistics).
				""");
	}

	@Test
	void theValidationReportSaysWhatFailedAndHowEachQueryReadTheTables() {
		// given a missing event, a failed schema check, a neighbour text with pipes and one too long, an index that
		// returned fewer than five rows, and a recall that no setting brought to the target
		List<SimilarityResult> similarity = List.of(
				new SimilarityResult("specified: order by computed similarity", "select 1",
						List.of(new Neighbour(1, 1.0, "a|b"), new Neighbour(2, 0.99995, "temperature | " + "x".repeat(200)),
								new Neighbour(3, 0.12345, null)),
						1.005, 2.125, false, "sequential scan", "Seq Scan"),
				new SimilarityResult("indexable: order by embedding <=> query", "select 2", List.of(new Neighbour(1, 1.0, "a")),
						0.125, 0.375, true, "index scan of event_embeddings_embedding_idx, ivfflat (lists=100)", "Index Scan"));
		RecallResult recall = new RecallResult(50, 10, "ivfflat.probes", 10, 0.9125, 0.95, null, 100, 0.0125, 1.5,
				"index scan of event_embeddings_embedding_idx, ivfflat (lists=100)");
		List<QueryPlan> queries = List.of(
				new QueryPlan("row parity", "select", "", List.of(new PlanScan("iot_events", "sequential scan", null, null),
						new PlanScan("event_embeddings", "index only scan", "event_embeddings_pkey", "btree"))),
				new QueryPlan("recall, top-5 latency", "select", "ivfflat.probes = 10", List.of()));
		List<Check> schema = List.of(new Check("embedding is vector(384)", true, "vector(384)"),
				new Check("row-level security enabled", false, "relrowsecurity = false"));
		ValidationReport.ValidationFile report = new ValidationReport.ValidationFile("2026-01-02T03:04:05Z", "db:5432/app",
				false, "1 of 10 events have no embedding (run sync); schema checks failed: row-level security enabled",
				"all-MiniLM-L6-v2@256", new RowParity.Counts(10, 9, 1), 5, "at the full check of 2026-01-02T03:04:05Z, 3 min ago",
				null, similarity, recall, schema, queries);

		// when
		String markdown = templates.render("emb_validation.md", Map.of("report", report));

		// then
		assertThat(markdown).isEqualTo("""
				# Embedding validation

				Database `db:5432/app`, model `all-MiniLM-L6-v2@256`, generated 2026-01-02T03:04:05Z.

				**FAILED: 1 of 10 events have no embedding (run sync); schema checks failed: row-level security enabled**

				## Row parity

				| events | embedded | missing | stale |
				| --- | --- | --- | --- |
				| 10 | 9 | 1 | 5 |

				Missing is counted now (a primary-key anti-join). Stale (the event's text changed since, or another model or \
				token limit made the embedding) is the last full check's count, at the full check of 2026-01-02T03:04:05Z, \
				3 min ago: the full check queues them and the sync after it re-embeds them.

				## Similarity smoke

				### specified: order by computed similarity

				Latency p50 1.01 ms, p95 2.13 ms; event_embeddings read by: **sequential scan** (EXPLAIN).

				| event | cosine similarity | text |
				| --- | --- | --- |
				| 1 | 1.0000 | a\\|b |
				| 2 | 1.0000 | temperature \\| %s... |
				| 3 | 0.1235 | null |

				### indexable: order by embedding <=> query

				Latency p50 0.13 ms, p95 0.38 ms; event_embeddings read by: **index scan of event_embeddings_embedding_idx, \
				ivfflat (lists=100)** (EXPLAIN).

				The index returned 1 of 5 rows: at this search setting it looks at too few candidates (see the recall below; \
				an IVFFlat index built on an empty table has poor lists).

				| event | cosine similarity | text |
				| --- | --- | --- |
				| 1 | 1.0000 | a |

				Ordering by the computed similarity cannot use a vector index; ordering by `embedding <=> query` can (the \
				planner may still prefer a scan on a small table).

				## Index recall

				recall@10 over 50 sampled query vectors (equally near rows count as found): **0.913** at ivfflat.probes = 10, \
				as the tool sets it, reading event_embeddings by: index scan of event_embeddings_embedding_idx, ivfflat \
				(lists=100). Smallest value reaching 0.95: none tried. Top-5 query latency over the same vectors at that \
				setting: p50 0.01 ms, p95 1.50 ms.

				## How each query read the tables

				EXPLAIN (FORMAT JSON) of each query as it ran (its parameters and search setting), every scan named, each \
				index with its access method and parameters from the catalog.

				| query | setting | event_embeddings read by | every scan |
				| --- | --- | --- | --- |
				| row parity | - | index only scan of event_embeddings_pkey, btree | iot_events: sequential scan; \
				event_embeddings: index only scan of event_embeddings_pkey, btree |
				| recall, top-5 latency | `ivfflat.probes = 10` | not read |  |

				## Schema

				| check | result | found |
				| --- | --- | --- |
				| embedding is vector(384) | pass | `vector(384)` |
				| row-level security enabled | **FAIL** | `relrowsecurity = false` |
				""".formatted("x".repeat(143)));
	}

	@Test
	void theValidationReportOfAnEmptyTable() {
		// given
		ValidationReport.ValidationFile report = new ValidationReport.ValidationFile(Instant.EPOCH.toString(), "db:5432/app",
				true, null, "m", new RowParity.Counts(0, 0, 0), 0, "no full check has run yet (run reconcile)", null,
				List.of(), null, List.of(new Check("a", true, "b")), List.of());

		// when
		String markdown = templates.render("emb_validation.md", Map.of("report", report));

		// then
		assertThat(markdown).startsWith("# Embedding validation\n\nDatabase `db:5432/app`, model `m`, generated"
				+ " 1970-01-01T00:00:00Z.\n\n**PASSED**\n\n")
			.contains("## Similarity smoke\n\nNo embeddings yet.\n\nOrdering by the computed similarity")
			.contains("## Index recall\n\nNo valid vector index, or no rows.\n\n## How each query")
			.endsWith("| --- | --- | --- | --- |\n\n## Schema\n\n| check | result | found |\n| --- | --- | --- |\n| a | pass | `b` |\n");
	}

	@Test
	void numbersAreFormattedAsStringFormatFormatsThemInTheRootLocale() {
		ReportTemplates.Formats fmt = ReportTemplates.Formats.INSTANCE;

		assertThat(fmt.format("%.1f s", 1.25)).as("half up, not half even").isEqualTo("1.3 s");
		assertThat(fmt.format("%,d", 1234567L)).isEqualTo("1,234,567");
		assertThat(fmt.format("%.2f", null)).isEqualTo("-");
		assertThat(fmt.cell("a|b", 160)).isEqualTo("a\\|b");
		assertThat(fmt.cell("abcdefgh", 6)).isEqualTo("abc...");
		assertThat(fmt.cell(null, 6)).isEqualTo("null");
	}

	private String statistics(TableStatistics.Analysis analysis) {
		return templates.part(TableStatistics.PHRASE, Map.of("analysis", analysis));
	}

}
