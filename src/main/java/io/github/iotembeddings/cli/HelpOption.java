package io.github.iotembeddings.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help}, on the tool and on each command (a picocli mixin). */
final class HelpOption {

	@Option(names = { "-h", "--help" }, usageHelp = true, order = 200, description = "show this help")
	boolean requested;

}
