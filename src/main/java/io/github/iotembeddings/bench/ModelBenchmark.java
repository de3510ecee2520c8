package io.github.iotembeddings.bench;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.model.EmbeddingModel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Throughput of the model alone: the newest events' texts (exactly what the job would embed), embedded
 * chunk by chunk as the job does, with no database work inside the timed part.
 */
@Component
public class ModelBenchmark {

	private final JdbcTemplate jdbcTemplate;

	private final JobProperties jobProperties;

	ModelBenchmark(JdbcTemplate jdbcTemplate, JobProperties jobProperties) {
		this.jdbcTemplate = jdbcTemplate;
		this.jobProperties = jobProperties;
	}

	/**
	 * @param model the loaded model
	 * @param texts how many event texts to embed
	 * @param chunkSize texts per model call
	 * @return the measurement
	 */
	public Result run(EmbeddingModel model, int texts, int chunkSize) {
		List<String> sample = jdbcTemplate.queryForList("select (" + jobProperties.textSql()
				+ ") from public.iot_events e order by e.id desc limit ?", String.class, texts);
		if (sample.isEmpty()) {
			throw new IllegalStateException("public.iot_events is empty: seed it first (demo-seed --events=N)");
		}
		// One chunk first, so one-off start-up costs (allocations, kernel selection) are not timed.
		model.embed(sample.subList(0, Math.min(chunkSize, sample.size())));
		long characters = 0;
		for (String text : sample) {
			characters += (text != null) ? text.length() : 0;
		}
		long started = System.nanoTime();
		for (List<String> chunk : chunks(sample, chunkSize)) {
			model.embed(chunk);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Result(model.name(), sample.size(), chunkSize, seconds, (double) characters / sample.size());
	}

	private static List<List<String>> chunks(List<String> texts, int size) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < texts.size(); from += size) {
			chunks.add(texts.subList(from, Math.min(from + size, texts.size())));
		}
		return chunks;
	}

	/**
	 * @param model the model's name
	 * @param texts texts embedded
	 * @param chunkSize texts per model call
	 * @param seconds time taken
	 * @param meanCharacters mean text length
	 */
	public record Result(String model, int texts, int chunkSize, double seconds, double meanCharacters) {

		public double textsPerSecond() {
			return texts / seconds;
		}

	}

}
