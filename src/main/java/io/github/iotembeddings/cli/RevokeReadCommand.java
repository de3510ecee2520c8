package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.ReadPolicy;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "revoke-read", description = "remove the read policy and grants that grant-read gave a role"
		+ " (--role, default authenticated); other roles keep theirs")
final class RevokeReadCommand extends ReadPolicyCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		context.getBean(ReadPolicy.class).revoke(role);
		out.println("revoke-read: " + role + " reads no embeddings again (other roles' policies stay)");
		return ExitCodes.DONE;
	}

}
