package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.bench.ModelBenchmark;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code bench --texts=N}: model-only throughput on the newest events' texts. */
@Component
class BenchCommand implements CommandHandler {

	private final DatabasePreflight preflight;

	private final ObjectProvider<EmbeddingModel> model;

	private final ModelBenchmark benchmark;

	private final JobProperties jobProperties;

	BenchCommand(DatabasePreflight preflight, ObjectProvider<EmbeddingModel> model, ModelBenchmark benchmark,
			JobProperties jobProperties) {
		this.preflight = preflight;
		this.model = model;
		this.benchmark = benchmark;
		this.jobProperties = jobProperties;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.BENCH;
	}

	@Override
	public int run(CommandLine line, PrintStream out) {
		preflight.requireEventsTable();
		ModelBenchmark.Result result = benchmark.run(model.getObject(), line.benchTexts(), jobProperties.chunkSize());
		out.printf(Locale.ROOT, "bench: model %s, %d texts (mean %.0f characters) in chunks of %d: %.2f s, %.1f texts/s%n",
				result.model(), result.texts(), result.meanCharacters(), result.chunkSize(), result.seconds(),
				result.textsPerSecond());
		return ExitCodes.DONE;
	}

}
