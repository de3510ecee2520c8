package io.github.iotembeddings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotembeddings.cli.ApplicationStarter;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.run.PassResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application, started in-process as the command line starts it ({@link ApplicationStarter}), on a
 * fresh test database with the demo events table and a migrated schema, its model loaded once. Either
 * for a whole test class, as a {@code @RegisterExtension} static field (started before the first test,
 * closed and its database dropped after the last), or for one test, started in try-with-resources. A
 * pass costs what the job costs, not a Spring context and a model per call as {@link CliRun} does.
 */
public final class TestApplication implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private final String purpose;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final Map<String, String> variables = new HashMap<>();

	private @Nullable TestDatabase db;

	private boolean ownsDatabase;

	private @Nullable ConfigurableApplicationContext context;

	private boolean throughProxy;

	private @Nullable FaultyProxy proxy;

	private TestApplication(String purpose) {
		this.purpose = purpose;
	}

	/** @param purpose names the test database */
	public static TestApplication of(String purpose) {
		return new TestApplication(purpose);
	}

	/** Events per chunk, as {@code --chunk-size} sets it. */
	public TestApplication chunkSize(int chunkSize) {
		return property("embeddings.job.chunk-size", String.valueOf(chunkSize));
	}

	/** A configuration property, as a command-line option sets it. */
	public TestApplication property(String name, String value) {
		properties.put(name, value);
		return this;
	}

	/** An {@code EMBEDDINGS_*} variable, as a user exports it. */
	public TestApplication variable(String name, String value) {
		variables.put(name, value);
		return this;
	}

	/**
	 * On a database the test set up itself (its own events table, migrated) instead of a fresh copy of
	 * the demo one; closing the application leaves it.
	 */
	public TestApplication on(TestDatabase database) {
		db = database;
		ownsDatabase = false;
		return this;
	}

	/**
	 * @return another application, not yet started, on this one's database (as a second process with
	 * other options would be); closing it leaves the database
	 */
	public TestApplication alongside() {
		TestApplication other = new TestApplication(purpose);
		other.db = db();
		other.variables.putAll(variables);
		return other;
	}

	/**
	 * Connects through the proxy (created on {@link #start()}, closed with the application), so the test
	 * can fail the network between the application and its database; {@link #db()} stays direct.
	 */
	public TestApplication throughFaultyProxy() {
		throughProxy = true;
		return this;
	}

	/** @return the proxy between the application and its database */
	public FaultyProxy proxy() {
		if (proxy == null) {
			throw new IllegalStateException("started without throughFaultyProxy()");
		}
		return proxy;
	}

	/** Creates the database (unless it shares one) and starts the application. */
	public TestApplication start() {
		if (db == null) {
			db = TestDatabaseServer.get().createMigratedDatabase(purpose);
			ownsDatabase = true;
		}
		try {
			Path reportsDir = Files.createTempDirectory("iot-embeddings-reports");
			ConnectionSettings connection = db.connection();
			if (throughProxy) {
				proxy = FaultyProxy.inFrontOf(connection);
				connection = proxy.through(connection);
			}
			context = ApplicationStarter.start(properties, ApplicationStarter.Mode.ONE_SHOT, connection, Partition.WHOLE, null,
					new HashMap<>(variables), reportsDir);
			bean(EmbeddingPasses.class).prepareToEmbed();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			close();
			throw new IllegalStateException("cannot start the application on " + db.name(), ex);
		}
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext extensionContext) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		close();
	}

	@Override
	public void close() {
		if (context != null) {
			context.close();
			context = null;
		}
		if (proxy != null) {
			try {
				proxy.close();
			}
			catch (IOException ignored) {
				// its threads are daemons
			}
			proxy = null;
		}
		if (db != null && ownsDatabase) {
			db.close();
		}
	}

	public TestDatabase db() {
		if (db == null) {
			throw new IllegalStateException("the application is not started");
		}
		return db;
	}

	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	public <T> T bean(String name, Class<T> type) {
		return context().getBean(name, type);
	}

	private ConfigurableApplicationContext context() {
		if (context == null) {
			throw new IllegalStateException("the application is not started");
		}
		return context;
	}

	/** @return the variables a user would export for the command line to run as this application does */
	public Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>(db().environment());
		environment.putAll(variables);
		return environment;
	}

	/** @return what {@code sync} did, run in-process through the one embedding pass */
	public PassResult sync() {
		return sync(Partition.WHOLE);
	}

	public PassResult sync(Partition partition) {
		return bean(EmbeddingPasses.class).run(PassRequest.sync(partition));
	}

	/** @return what {@code reconcile} did: a full check, then a sync of what it queued */
	public PassResult reconcile() {
		return bean(EmbeddingPasses.class).run(PassRequest.reconcile(Partition.WHOLE, true));
	}

	public PassResult backfill(long limit) {
		return bean(EmbeddingPasses.class).run(PassRequest.backfill(limit, Partition.WHOLE));
	}

	public PassResult restart(long executionId) {
		return bean(EmbeddingPasses.class).run(PassRequest.restart(executionId));
	}

	/** @return Spring Batch's test utilities for the {@code embedEvents} job */
	public JobOperatorTestUtils jobOperatorTestUtils() {
		JobOperatorTestUtils utils = new JobOperatorTestUtils(bean(JobOperator.class), bean(JobRepository.class));
		utils.setJob(bean("embedEventsJob", Job.class));
		return utils;
	}

	/**
	 * Runs the job alone, without the pass around it (no run lock, no after-run work), with the
	 * parameters a {@code sync} would have and the given chunk size.
	 * @return the ended execution
	 */
	public JobExecution startJob(int chunkSize) throws Exception {
		JobOperatorTestUtils utils = jobOperatorTestUtils();
		return utils.startJob(utils.getUniqueJobParametersBuilder()
			.addString(EmbeddingJob.MODE, "sync")
			.addLong(EmbeddingJob.CHUNK_SIZE, (long) chunkSize)
			.addString(EmbeddingJob.MODEL, bean(EmbeddingModel.class).id())
			.toJobParameters());
	}

}
