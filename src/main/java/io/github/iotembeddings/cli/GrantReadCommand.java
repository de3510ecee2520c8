package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.ReadPolicy;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "grant-read", description = "opt in: a role may read an event's embedding exactly when"
		+ " iot_events' own row-level security lets it read the event (--role, default authenticated)")
final class GrantReadCommand extends ReadPolicyCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		String policy = context.getBean(ReadPolicy.class).grant(role);
		out.println("grant-read: " + role + " may now read an embedding exactly when it may read its event"
				+ " (policy " + policy + " on public.event_embeddings; writes stay closed; other roles' policies stay)");
		return ExitCodes.DONE;
	}

}
