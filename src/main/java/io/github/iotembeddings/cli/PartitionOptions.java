package io.github.iotembeddings.cli;

import java.util.Map;

import io.github.iotembeddings.events.Partition;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --partition=I/N} or {@code --partitions=N}: the share of the events one process embeds (backfill, sync). */
final class PartitionOptions {

	/** The index Kubernetes gives each pod of an Indexed Job. */
	static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

	@Option(names = "--partition", paramLabel = "I/N",
			description = "embed only the events with id mod N = I, as an execution of its own")
	@Nullable String partition;

	@Option(names = "--partitions", paramLabel = "N",
			description = "--partition with I from " + JOB_COMPLETION_INDEX + " (set in each pod of a Kubernetes Indexed Job)")
	@Nullable String partitions;

	/**
	 * Resolved after parsing because {@code --partitions} reads the environment, which parsing does not see.
	 * @param environment the process's variables
	 * @return the partition; the whole when neither option is given
	 */
	Partition partition(Map<String, String> environment) {
		if (partition != null && partitions != null) {
			throw new UsageException("give --partition=I/N or --partitions=N, not both");
		}
		try {
			if (partition != null) {
				return Partition.parse(partition);
			}
			if (partitions != null) {
				String index = environment.get(JOB_COMPLETION_INDEX);
				if (index == null) {
					throw new UsageException("--partitions=" + partitions + " takes this process's index from "
							+ JOB_COMPLETION_INDEX + " (set by a Kubernetes Indexed Job), which is not set:"
							+ " pass --partition=I/N instead");
				}
				return Partition.parse(index + "/" + partitions);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		return Partition.WHOLE;
	}

}
