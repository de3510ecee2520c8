package io.github.iotembeddings.job;

import io.github.iotembeddings.sync.ChangeQueue;

import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.model.EmbeddingModel;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedding job: one chunk-oriented step that reads the events to embed (new ones, queued changes,
 * due retries; see {@link PendingEvents}), newest first, embeds each chunk's distinct texts in one model
 * call (copying the vectors this model already stored for a text; see {@link EmbeddingWriter}) and upserts
 * the vectors, committing once per chunk.
 *
 * <p>Restart: the reader saves where it is at every committed chunk; a restarted execution reads on from
 * there, and each source's condition keeps committed rows from being read again.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingJobConfiguration {

	/**
	 * Formatted with the keywords function ({@code iot_events_keywords} in the tool's schema). The keywords are
	 * computed here from the text that was embedded, whether the vector was computed or copied, so a row whose
	 * text changed gets its new keywords in the statement that writes its new vector.
	 */
	static final String UPSERT_SQL = """
			insert into public.event_embeddings (event_id, embedding, model, text_hash, keywords) values (?, ?, ?, ?, %s(?))
			on conflict (event_id) do update
			  set embedding = excluded.embedding, model = excluded.model, text_hash = excluded.text_hash,
			      keywords = excluded.keywords, created_at = now()""";

	static final String KEYWORDS_FUNCTION = "iot_events_keywords";

	/**
	 * The job, with every {@link JobExecutionListener} of the application: the run's ownership lock
	 * ({@code locks}), the text function ({@code events}), the first line of a failure ({@code executions}),
	 * each registered where it belongs.
	 */
	@Bean
	Job embedEventsJob(JobRepository jobRepository, Step embedChunksStep, ObjectProvider<JobExecutionListener> listeners) {
		JobBuilder job = new JobBuilder(EmbeddingJob.NAME, jobRepository);
		listeners.orderedStream().forEach(job::listener);
		return job.start(embedChunksStep).build();
	}

	@Bean
	EventChecks eventChecks() {
		return new EventChecks();
	}

	@Bean
	EventLocks eventLocks(JdbcTemplate jdbcTemplate) {
		return new EventLocks(jdbcTemplate);
	}

	@Bean
	public EmbeddingErrors embeddingErrors(JdbcTemplate jdbcTemplate, JobProperties properties,
			ChangeQueue changeQueue, PlatformTransactionManager transactionManager) {
		return new EmbeddingErrors(jdbcTemplate, properties, changeQueue, transactionManager);
	}

	@Bean
	@JobScope
	Step embedChunksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PendingEventsReader pendingEventsReader, EventChecks eventChecks,
			EmbeddingWriter embeddingWriter, EmbeddingErrors embeddingErrors, EmbeddingProgressListener progressListener,
			ObjectProvider<ChunkListener<?, ?>> chunkListeners,
			@Value("#{jobParameters['" + EmbeddingJob.CHUNK_SIZE + "']}") Long chunkSize) {
		ChunkOrientedStepBuilder<EventText, EventText> step = new StepBuilder(EmbeddingJob.STEP_NAME, jobRepository)
			.<EventText, EventText>chunk(Math.toIntExact(chunkSize))
			.transactionManager(transactionManager)
			.reader(pendingEventsReader)
			.processor(eventChecks)
			.writer(embeddingWriter)
			.listener(progressListener);
		// The application's chunk listeners: the run's lease checked before each chunk (locks), its heartbeat
		// after (run).
		chunkListeners.orderedStream().forEach(step::listener);
		// A bad event is recorded and skipped, never fatal: the rest of its chunk is embedded.
		return step.faultTolerant()
			.skip(EventSkippedException.class)
			.skipLimit(Long.MAX_VALUE)
			.skipListener(embeddingErrors)
			.build();
	}

	@Bean
	@StepScope
	PendingEventsReader pendingEventsReader(DataSource dataSource, JobProperties properties,
			@Value("#{stepExecution.jobExecution.jobParameters}") JobParameters parameters) {
		Long chunkSize = parameters.getLong(EmbeddingJob.CHUNK_SIZE);
		Long limit = parameters.getLong(EmbeddingJob.LIMIT);
		// One page per chunk: the queue entries a page locks are embedded and deleted by that chunk.
		return new PendingEventsReader(new NamedParameterJdbcTemplate(dataSource),
				EmbeddingJob.pendingEvents(parameters, properties.maxAttempts()), Math.toIntExact(chunkSize),
				(limit != null) ? limit : Long.MAX_VALUE);
	}

	@Bean
	@StepScope
	EmbeddingWriter embeddingWriter(EventLocks eventLocks, EmbeddingModel embeddingModel, StoredVectors storedVectors,
			JdbcBatchItemWriter<EventEmbedding> upsertWriter, EmbeddingErrors embeddingErrors, ChangeQueue changeQueue) {
		return new EmbeddingWriter(eventLocks, embeddingModel, storedVectors, upsertWriter, embeddingErrors,
				changeQueue);
	}

	@Bean
	StoredVectors storedVectors(JdbcTemplate jdbcTemplate) {
		return new StoredVectors(jdbcTemplate);
	}

	@Bean
	JdbcBatchItemWriter<EventEmbedding> upsertWriter(DataSource dataSource, ToolSchema schema) {
		return new JdbcBatchItemWriterBuilder<EventEmbedding>().dataSource(dataSource)
			.sql(UPSERT_SQL.formatted(schema.qualify(KEYWORDS_FUNCTION)))
			.itemPreparedStatementSetter((item, statement) -> {
				statement.setLong(1, item.eventId());
				statement.setObject(2, new PGvector(item.vector()));
				statement.setString(3, item.model());
				statement.setString(4, item.textHash());
				statement.setString(5, item.text());
			})
			.assertUpdates(true)
			.build();
	}

	@Bean
	EmbeddingProgressListener progressListener(DataSource dataSource, JobProperties properties,
			ObjectProvider<EmbeddingModel> embeddingModel,
			@Qualifier(BackgroundThreads.PENDING_COUNT) Executor counter) {
		return new EmbeddingProgressListener(dataSource, properties, embeddingModel, counter);
	}

}
