package io.github.iotembeddings.cli;

import picocli.CommandLine.Option;

/** Grant-read and revoke-read: the opt-in read policy of one role on public.event_embeddings. */
abstract class ReadPolicyCommand extends ParsedCommand {

	@Option(names = "--role", paramLabel = "NAME", defaultValue = "authenticated",
			description = "the role your app's users query as (default: Supabase's authenticated)")
	String role = "authenticated";

}
