package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.Map;

import io.github.iotembeddings.events.Partition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.context.ApplicationContext;

/**
 * One command of {@link Commands}: its options, which picocli fills in before the application starts (so a
 * usage error costs no start-up), and what it does once the application has started. Every command takes
 * the {@link CommonOptions}.
 */
@Command(sortOptions = false)
abstract class ParsedCommand {

	@Mixin
	CommonOptions common = new CommonOptions();

	@Mixin
	HelpOption help = new HelpOption();

	/** Injected by picocli. */
	@Spec
	CommandSpec spec;

	/**
	 * Runs the command in the started application. Commands are no beans: each takes the services it needs
	 * from the context.
	 * @param context the application, started in {@link #mode()}
	 * @param out where the command's result goes (progress goes to the log)
	 * @return the exit code
	 */
	abstract int run(ApplicationContext context, PrintStream out) throws Exception;

	/** @return what kind of process the command runs in: one that does its work and exits, unless overridden */
	ApplicationStarter.Mode mode() {
		return ApplicationStarter.Mode.ONE_SHOT;
	}

	/** @return the command's name in the contract (whatever case it was typed in) */
	String name() {
		return spec.name();
	}

	/** @return the configuration properties this command line sets, above every other source of them */
	Map<String, Object> properties() {
		return common.properties();
	}

	/**
	 * @param environment the process's variables
	 * @return the share of the events this process works on: the whole unless the command takes a partition
	 */
	Partition partition(Map<String, String> environment) {
		return Partition.WHOLE;
	}

	/**
	 * Checks every value declared with a {@link Range}, so a mistake surfaces before anything connects.
	 * @throws ParameterException naming the first value out of range
	 */
	void checkRanges() {
		for (ArgSpec arg : spec.args()) {
			Range range = (arg.userObject() instanceof Field field) ? field.getAnnotation(Range.class) : null;
			if (range != null && arg.getValue() instanceof Number number
					&& (number.longValue() < range.min() || number.longValue() > range.max())) {
				String name = (arg instanceof OptionSpec option) ? option.longestName() : arg.paramLabel();
				throw new ParameterException(spec.commandLine(),
						name + " must be between " + range.min() + " and " + range.max() + ", not " + number);
			}
		}
	}

}
