package io.github.iotembeddings.job;

import java.util.List;

import com.pgvector.PGvector;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors mean something: nearest neighbours by {@code <=>} are the events a person would pick. */
class SemanticSanityIntegrationTests {

	@Test
	void nearestEventToOverheatingIsAThermalEvent() throws Exception {
		try (TestApplication app = TestApplication.of("semantic").start()) {
			// given hand-written events of four kinds, embedded by the job
			TestDatabase db = app.db();
			EmbeddingModel model = app.bean(EmbeddingModel.class);
			db.insertEvents(List.of(
					new String[] { "thermo-03", "overheating_alert", "{\"temp_c\": 88.4, \"room\": \"server room\", \"message\": \"temperature above threshold\"}" },
					new String[] { "door-12", "door_opened", "{\"door\": \"loading dock\", \"state\": \"open\"}" },
					new String[] { "door-02", "door_closed", "{\"door\": \"lobby\", \"state\": \"closed\"}" },
					new String[] { "motion-07", "battery_low", "{\"battery_pct\": 7, \"message\": \"replace battery soon\"}" },
					new String[] { "thermo-11", "temperature_reading", "{\"temp_c\": 21.3, \"room\": \"office 2B\"}" },
					new String[] { "motion-01", "motion_detected", "{\"zone\": \"parking garage\", \"confidence\": 0.91}" },
					new String[] { "meter-04", "power_usage", "{\"kw\": 12.5, \"circuit\": \"kitchen\"}" }));
			assertThat(app.sync().completed()).isTrue();

			// when the app asks for the events nearest to a query text, exactly (no index)
			float[] query = model.embed(List.of("temperature sensor overheating"))[0];
			List<String> nearest = nearestEventTypes(db, query, 2);

			// then
			assertThat(nearest.get(0)).isEqualTo("overheating_alert");
			assertThat(nearest).allMatch(type -> type.contains("temperature") || type.contains("overheating"));
			assertThat(nearestEventTypes(db, model.embed(List.of("battery almost empty"))[0], 1)).containsExactly("battery_low");
			assertThat(nearestEventTypes(db, model.embed(List.of("someone opened the door"))[0], 1).get(0))
				.startsWith("door_");
		}
	}

	private static List<String> nearestEventTypes(TestDatabase db, float[] query, int k) {
		// A tiny table leaves most IVFFlat lists empty; an exact scan is the ground truth here.
		return db.jdbc().execute((java.sql.Connection connection) -> {
			connection.setAutoCommit(false);
			try (var statement = connection.createStatement()) {
				statement.execute("set local enable_indexscan = off");
			}
			try (var select = connection.prepareStatement("""
					select e.event_type from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
					order by ee.embedding <=> ? limit ?""")) {
				select.setObject(1, new PGvector(query));
				select.setInt(2, k);
				List<String> types = new java.util.ArrayList<>();
				try (var rs = select.executeQuery()) {
					while (rs.next()) {
						types.add(rs.getString(1));
					}
				}
				connection.rollback();
				return types;
			}
		});
	}

}
