package io.github.iotembeddings.cli;

import java.io.PrintStream;

/** The help text. */
final class Usage {

	private Usage() {
	}

	static void print(PrintStream out) {
		out.println("usage: java -jar iot-embeddings.jar COMMAND [--option=value ...]");
		out.println();
		out.println("commands:");
		for (Command command : Command.values()) {
			out.printf("  %-16s %s%n", command.cliName(), command.description());
		}
		out.println();
		out.println("options: --limit=N (backfill; executions: rows to list), --events=N (demo-seed), --texts=N (bench),");
		out.println("         --cron=EXPR (schedule), --samples=N and --timeout=SECONDS (sync-test),");
		out.println("         --partition=I/N (backfill, sync: embed the events with id mod N = I; --partitions=N takes I");
		out.println("         from JOB_COMPLETION_INDEX, as in a Kubernetes Indexed Job), --rebuild=true (index),");
		out.println("         --chunk-size=N (default 64), --model=DIR (model.onnx or *.pt + tokenizer.json),");
		out.println("         --quantized=true (the bundled model's int8 version: faster, slightly different vectors),");
		out.println("         --max-length=TOKENS (default: the model's limit), --reports-dir=DIR (default _reports)");
		out.println();
		out.println("connection: DATABASE_URL (jdbc:postgresql://... or postgresql://user:pass@host:port/db),");
		out.println("            DATABASE_USER, DATABASE_PASSWORD; a .env file in the working directory is read.");
		out.println("exit codes: 0 done, 1 job failed, 2 usage or configuration error");
	}

}
