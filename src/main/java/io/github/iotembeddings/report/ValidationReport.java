package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.sync.FullCheckResult;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.validate.Check;
import io.github.iotembeddings.validate.QueryPlan;
import io.github.iotembeddings.validate.RecallResult;
import io.github.iotembeddings.validate.SimilarityResult;
import io.github.iotembeddings.validate.Validation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** {@code emb_validation.json} and {@code emb_validation.md} from a {@link Validation}. */
@Component
public class ValidationReport {

	static final String JSON = "emb_validation.json";

	static final String MARKDOWN = "emb_validation.md";

	private final ReportFiles files;

	private final ConnectionSettings connection;

	ValidationReport(ReportFiles files, ConnectionSettings connection) {
		this.files = files;
		this.connection = connection;
	}

	public List<Path> write(Validation validation) {
		ValidationFile report = new ValidationFile(Instant.now().toString(), connection.describe(),
				validation.failure() == null, validation.failure(), validation.model(), validation.parity(),
				validation.stale(), validation.staleAsOf(), validation.fullCheck(), validation.similarity(),
				validation.recall(), validation.schema(), validation.queries());
		return List.of(files.writeJson(JSON, report), files.writeTemplate(MARKDOWN, Map.of("report", report)));
	}

	/** {@code emb_validation.json}: its fields, in order. */
	record ValidationFile(String generatedAt, String database, boolean passed, @Nullable String failure, String model,
			RowParity.Counts parity, long stale, String staleAsOf, @Nullable FullCheckResult fullCheck,
			List<SimilarityResult> similarity, @Nullable RecallResult recall, List<Check> schema,
			List<QueryPlan> queries) {

	}

}
