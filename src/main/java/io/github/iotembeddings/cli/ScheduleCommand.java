package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Map;

import io.github.iotembeddings.config.ScheduleProperties;
import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.schedule.EmbeddingScheduler;
import io.github.iotembeddings.schedule.EventChangeListener;
import io.github.iotembeddings.sync.ChangeTriggers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * Runs in the foreground until SIGTERM or SIGINT, syncing on the cron schedule and, when the change trigger is
 * installed, as soon as events change. On a signal it stops taking new fire times, lets the running sync finish
 * its current chunk (the execution ends STOPPED and can be restarted), and exits 0.
 */
@Command(name = "schedule", description = "run the clustered scheduler in the foreground: sync on a cron, every"
		+ " minute by default")
final class ScheduleCommand extends ParsedCommand {

	private static final Log logger = LogFactory.getLog(ScheduleCommand.class);

	@Option(names = "--cron", paramLabel = "QUARTZ_CRON", converter = Converters.QuartzCron.class,
			description = "when to sync, Quartz syntax with seconds first, e.g. \"0/5 * * * * ?\"")
	@Nullable String cron;

	@Override
	Map<String, Object> properties() {
		Map<String, Object> properties = super.properties();
		CommonOptions.putIfGiven(properties, "embeddings.schedule.cron", cron);
		return properties;
	}

	@Override
	ApplicationStarter.Mode mode() {
		return ApplicationStarter.Mode.SCHEDULE;
	}

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		EmbeddingScheduler scheduler = context.getBean(EmbeddingScheduler.class);
		EventChangeListener changeListener = context.getBean(EventChangeListener.class);
		ScheduleProperties properties = context.getBean(ScheduleProperties.class);
		ConsoleAddress consoleAddress = context.getBean(ConsoleAddress.class);
		AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
		context.getBean(EmbeddingPasses.class).prepareToEmbed();
		ShutdownSignal signal = ShutdownSignal.install();
		scheduler.start();
		if (properties.listen() && context.getBean(ChangeTriggers.class).installed()) {
			changeListener.start();
		}
		else if (properties.listen()) {
			logger.info("No change trigger on public.iot_events (see install-trigger): syncing on the cron schedule only");
		}
		AvailabilityChangeEvent.publish(context, this, ReadinessState.ACCEPTING_TRAFFIC);
		out.println("schedule: running; SIGTERM or Ctrl-C stops it after the current chunk");
		out.println(consoleAddress.line("schedule"));
		out.println(consoleAddress.managementLine("schedule"));
		String received = signal.await();
		logger.info("Received SIG" + received + ": finishing the current chunk, then exiting (at the latest in "
				+ properties.shutdownGrace().toSeconds() + " s)");
		ShutdownSignal.exitAfter(properties.shutdownGrace(), System.err);
		AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
		scheduler.standby();
		changeListener.close();
		context.getBean(ExecutionControl.class).stopRunsOfThisProcess();
		scheduler.shutdown();
		out.println("schedule: stopped");
		return ExitCodes.DONE;
	}

}
