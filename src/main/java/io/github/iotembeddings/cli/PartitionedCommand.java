package io.github.iotembeddings.cli;

import java.util.Map;

import io.github.iotembeddings.events.Partition;
import picocli.CommandLine.Mixin;

/** Backfill, sync and reconcile: of all the events, or of one partition. */
abstract class PartitionedCommand extends ParsedCommand {

	@Mixin
	PartitionOptions partitioning = new PartitionOptions();

	@Override
	Partition partition(Map<String, String> environment) {
		return partitioning.partition(environment);
	}

}
