package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.ScheduleProperties;
import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.sync.ChangeTriggers;
import io.github.iotembeddings.schedule.EmbeddingScheduler;
import io.github.iotembeddings.schedule.EventChangeListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code schedule}: runs in the foreground until SIGTERM or SIGINT, syncing on the cron schedule and,
 * when the change trigger is installed, as soon as events change. On a signal it stops taking new
 * fire times, lets the running sync finish its current chunk (the execution ends STOPPED and can be
 * restarted), and exits 0.
 */
@Component
@Profile("schedule")
class ScheduleCommand implements CommandHandler<Commands.Schedule> {

	private static final Log logger = LogFactory.getLog(ScheduleCommand.class);

	private final EmbeddingPasses passes;

	private final EmbeddingScheduler scheduler;

	private final EventChangeListener changeListener;

	private final ChangeTriggers changeTriggers;

	private final ExecutionControl executions;

	private final ScheduleProperties properties;

	private final ApplicationEventPublisher events;

	private final ConsoleAddress consoleAddress;

	ScheduleCommand(EmbeddingPasses passes, EmbeddingScheduler scheduler, EventChangeListener changeListener,
			ChangeTriggers changeTriggers, ExecutionControl executions, ScheduleProperties properties,
			ApplicationEventPublisher events, ConsoleAddress consoleAddress) {
		this.consoleAddress = consoleAddress;
		this.passes = passes;
		this.scheduler = scheduler;
		this.changeListener = changeListener;
		this.changeTriggers = changeTriggers;
		this.executions = executions;
		this.properties = properties;
		this.events = events;
	}

	@Override
	public int run(Commands.Schedule command, PrintStream out) throws Exception {
		AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
		passes.prepareToEmbed();
		ShutdownSignal signal = ShutdownSignal.install();
		scheduler.start();
		if (properties.listen() && changeTriggers.installed()) {
			changeListener.start();
		}
		else if (properties.listen()) {
			logger.info("No change trigger on public.iot_events (see install-trigger): syncing on the cron schedule only");
		}
		AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
		out.println("schedule: running; SIGTERM or Ctrl-C stops it after the current chunk");
		out.println(consoleAddress.line("schedule"));
		out.println(consoleAddress.managementLine("schedule"));
		String received = signal.await();
		logger.info("Received SIG" + received + ": finishing the current chunk, then exiting (at the latest in "
				+ properties.shutdownGrace().toSeconds() + " s)");
		ShutdownSignal.exitAfter(properties.shutdownGrace(), System.err);
		AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
		scheduler.standby();
		changeListener.close();
		executions.stopRunsOfThisProcess();
		scheduler.shutdown();
		out.println("schedule: stopped");
		return ExitCodes.DONE;
	}

}
