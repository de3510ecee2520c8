package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.RuntimeGrants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

@Command(name = "grants", description = "print the SQL that lets a role run every command but migrate, and"
		+ " nothing more (--role=NAME)")
final class GrantsCommand extends ParsedCommand {

	@Option(names = "--role", paramLabel = "NAME", required = true,
			description = "the role the runtime commands log in as")
	String role = "";

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		context.getBean(RuntimeGrants.class).sql(role).forEach(out::println);
		return ExitCodes.DONE;
	}

}
