package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.report.ValidationReport;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.validate.Validation;
import io.github.iotembeddings.validate.Validator;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

/** Exit 1 with the reason when a check fails. */
@Command(name = "validate", description = "row parity, similarity smoke, index recall, schema checks; writes"
		+ " _reports/emb_validation.*; exit 1 when events are missing or a check fails")
final class ValidateCommand extends ParsedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		String modelId = context.getBean(ModelIdentity.class).id();
		long started = System.nanoTime();
		Validation validation = context.getBean(Validator.class).validate(modelId);
		long millis = (System.nanoTime() - started) / 1_000_000;
		List<Path> written = context.getBean(ValidationReport.class).write(validation);
		out.printf(Locale.ROOT, "validate: %,d events, %,d embedded, %,d missing, %,d stale (%s)%s; %d ms; wrote %s%n",
				validation.parity().events(), validation.parity().embedded(), validation.parity().missing(),
				validation.stale(), validation.staleAsOf(), (validation.recall() != null) ? String.format(Locale.ROOT, ", recall@10 %.3f at %s %d",
						validation.recall().recallAtProbesInUse(), validation.recall().searchSetting(),
						validation.recall().probesInUse()) : "",
				millis, written);
		if (validation.failure() != null) {
			throw new JobFailedException("validate: " + validation.failure());
		}
		return ExitCodes.DONE;
	}

}
