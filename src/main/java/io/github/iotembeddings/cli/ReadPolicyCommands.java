package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.ReadPolicy;

import org.springframework.stereotype.Component;

/** {@code grant-read} and {@code revoke-read}: the opt-in read policy of one role on public.event_embeddings. */
@Component
class ReadPolicyCommands implements CommandHandler<Commands.ReadPolicyChange> {

	private final DatabasePreflight preflight;

	private final ReadPolicy readPolicy;

	ReadPolicyCommands(DatabasePreflight preflight, ReadPolicy readPolicy) {
		this.preflight = preflight;
		this.readPolicy = readPolicy;
	}

	@Override
	public int run(Commands.ReadPolicyChange command, PrintStream out) {
		preflight.requireReady();
		if (command instanceof Commands.GrantRead) {
			String policy = readPolicy.grant(command.role);
			out.println("grant-read: " + command.role + " may now read an embedding exactly when it may read its event"
					+ " (policy " + policy + " on public.event_embeddings; writes stay closed; other roles' policies stay)");
		}
		else {
			readPolicy.revoke(command.role);
			out.println("revoke-read: " + command.role + " reads no embeddings again (other roles' policies stay)");
		}
		return ExitCodes.DONE;
	}

}
