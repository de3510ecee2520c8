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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code validate}: parity, similarity smoke, recall, schema; exit 1 with the reason when it fails. */
@Component
class ValidateCommand implements CommandHandler<Commands.Validate> {

	private final DatabasePreflight preflight;

	private final ObjectProvider<ModelIdentity> model;

	private final Validator validator;

	private final ValidationReport report;

	ValidateCommand(DatabasePreflight preflight, ObjectProvider<ModelIdentity> model, Validator validator,
			ValidationReport report) {
		this.preflight = preflight;
		this.model = model;
		this.validator = validator;
		this.report = report;
	}

	@Override
	public int run(Commands.Validate command, PrintStream out) {
		preflight.requireReady();
		String modelId = model.getObject().id();
		long started = System.nanoTime();
		Validation validation = validator.validate(modelId);
		long millis = (System.nanoTime() - started) / 1_000_000;
		List<Path> written = report.write(validation);
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
