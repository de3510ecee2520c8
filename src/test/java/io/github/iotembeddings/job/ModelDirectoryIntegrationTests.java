package io.github.iotembeddings.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import io.github.iotembeddings.support.TwelveLayerModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 12-layer model for real: the command line with {@code --model=DIR} pointing at e5-small-v2 in the
 * Hugging Face layout, with its sentence-transformers files, on a real database.
 */
class ModelDirectoryIntegrationTests {

	private static final String E5_ID = "e5-small-v2@512+passage=\"passage: \"";

	@Test
	void e5SmallV2BackfillsSyncsAndValidates(@TempDir Path reports) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("model_dir_e5")) {
			// given 30 events, some embedded by the default model already
			String model = "--model=" + TwelveLayerModels.E5_SMALL_V2.dir();
			db.insertSimpleEvents(30);
			assertThat(CliRun.run(db.environment(), "backfill", "--limit=5").exitCode()).isZero();

			// when the newest 10 are backfilled with e5, then a sync does the rest
			CliRun backfill = CliRun.run(db.environment(), "backfill", "--limit=10", model);
			long afterBackfill = db.count("select count(*) from public.event_embeddings where model = ?", E5_ID);
			CliRun sync = CliRun.run(db.environment(), "sync", model);

			// then every event has an e5 vector, the default model's rows re-embedded in place
			assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
			assertThat(backfill.out()).contains("with " + E5_ID);
			assertThat(afterBackfill).isEqualTo(10);
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
				.containsExactly(E5_ID);

			// and validate passes under that model
			CliRun validate = CliRun.run(db.environment(), "validate", model, "--reports-dir=" + reports);
			assertThat(validate.exitCode()).as(validate.toString()).isZero();
			var report = JsonMapper.builder().build().readTree(Files.readString(reports.resolve("emb_validation.json")));
			assertThat(report.get("passed").asBoolean()).isTrue();
			assertThat(report.get("model").asString()).isEqualTo(E5_ID);
			assertThat(report.get("stale").asLong()).isZero();
		}
	}

	@Test
	void anUnknownPoolingIsAConfigurationErrorInOneLine() {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("model_dir_pooling")) {
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_MODEL_POOLING", "max");

			CliRun status = CliRun.run(environment, "status");

			assertThat(status.exitCode()).isEqualTo(2);
			assertThat(status.err().strip().lines().toList()).isEqualTo(List.of(
					"error: embeddings.model.pooling (EMBEDDINGS_MODEL_POOLING) must be mean or cls, not max"));
		}
	}

}
