package io.github.iotembeddings.job;

import java.util.Map;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.model.EmbeddingModel;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedding job: one chunk-oriented step that reads the events whose embedding is missing or stale
 * (another model, or a text that changed; see {@link PendingEvents}), newest first, embeds each chunk in
 * one model call and upserts the vectors, committing once per chunk.
 *
 * <p>Restart: the reader saves the last id of every committed chunk; a restarted execution reads on from
 * there, and the query's "needs embedding" condition keeps committed rows from being read again.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingJobConfiguration {

	static final String JOB_NAME = "embedEvents";

	static final String STEP_NAME = "embedChunks";

	static final String UPSERT_SQL = """
			insert into public.event_embeddings (event_id, embedding, model, text_hash) values (?, ?, ?, ?)
			on conflict (event_id) do update
			  set embedding = excluded.embedding, model = excluded.model, text_hash = excluded.text_hash,
			      created_at = now()""";

	@Bean
	Job embedEventsJob(JobRepository jobRepository, Step embedChunksStep, RunOwnership runOwnership,
			EventTextFunction eventTextFunction) {
		return new JobBuilder(JOB_NAME, jobRepository).start(embedChunksStep)
			.listener(runOwnership)
			.listener(eventTextFunction)
			.build();
	}

	@Bean
	EventTextFunction eventTextFunction(JdbcTemplate jdbcTemplate, JobProperties properties,
			ConnectionSettings connection, ToolSchema schema) {
		return new EventTextFunction(jdbcTemplate, properties, connection, schema);
	}

	@Bean
	EventChecks eventChecks(JdbcTemplate jdbcTemplate) {
		return new EventChecks(jdbcTemplate);
	}

	@Bean
	public EmbeddingErrors embeddingErrors(JdbcTemplate jdbcTemplate, JobProperties properties) {
		return new EmbeddingErrors(jdbcTemplate, properties);
	}

	@Bean
	RunExclusivity runExclusivity(DataSource dataSource) {
		return new RunExclusivity(dataSource);
	}

	@Bean
	RunOwnership runOwnership(DataSource dataSource) {
		return new RunOwnership(dataSource);
	}

	@Bean
	@JobScope
	Step embedChunksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<EventText> eventsWithoutEmbeddingReader, EventChecks eventChecks,
			EmbeddingWriter embeddingWriter, EmbeddingErrors embeddingErrors, EmbeddingProgressListener progressListener,
			@Value("#{jobParameters['" + EmbeddingJobParameters.CHUNK_SIZE + "']}") Long chunkSize) {
		return new StepBuilder(STEP_NAME, jobRepository).<EventText, EventText>chunk(Math.toIntExact(chunkSize))
			.transactionManager(transactionManager)
			.reader(eventsWithoutEmbeddingReader)
			.processor(eventChecks)
			.writer(embeddingWriter)
			.listener(progressListener)
			// A bad event is recorded and skipped, never fatal: the rest of its chunk is embedded.
			.faultTolerant()
			.skip(EventSkippedException.class)
			.skipLimit(Long.MAX_VALUE)
			.skipListener(embeddingErrors)
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<EventText> eventsWithoutEmbeddingReader(DataSource dataSource, JobProperties properties,
			@Value("#{jobParameters['" + EmbeddingJobParameters.CHUNK_SIZE + "']}") Long chunkSize,
			@Value("#{jobParameters['" + EmbeddingJobParameters.LIMIT + "']}") @Nullable Long limit,
			@Value("#{jobParameters['" + EmbeddingJobParameters.MODEL + "']}") String model,
			@Value("#{jobParameters['" + EmbeddingJobParameters.PARTITION + "']}") @Nullable String partition)
			throws Exception {
		PendingEvents pending = new PendingEvents(model, properties.maxAttempts(), Partition.ofParameter(partition));
		// Page size equals chunk size, so every commit falls on a page boundary and a restart resumes
		// exactly after the last committed id.
		return new JdbcPagingItemReaderBuilder<EventText>().name("eventsWithoutEmbedding")
			.dataSource(dataSource)
			.selectClause(pending.selectClause())
			.fromClause(pending.fromClause())
			.whereClause(pending.whereClause())
			.parameterValues(pending.parameters())
			.sortKeys(Map.of("id", Order.DESCENDING))
			.pageSize(Math.toIntExact(chunkSize))
			.maxItemCount((limit != null) ? Math.toIntExact(limit) : Integer.MAX_VALUE)
			.rowMapper((rs, row) -> new EventText(rs.getLong("id"), rs.getString("embedding_text"),
					rs.getString("text_hash")))
			.build();
	}

	@Bean
	@StepScope
	EmbeddingWriter embeddingWriter(EmbeddingModel embeddingModel, JdbcBatchItemWriter<EventEmbedding> upsertWriter,
			EmbeddingErrors embeddingErrors) {
		return new EmbeddingWriter(embeddingModel, upsertWriter, embeddingErrors);
	}

	@Bean
	JdbcBatchItemWriter<EventEmbedding> upsertWriter(DataSource dataSource) {
		return new JdbcBatchItemWriterBuilder<EventEmbedding>().dataSource(dataSource)
			.sql(UPSERT_SQL)
			.itemPreparedStatementSetter((item, statement) -> {
				statement.setLong(1, item.eventId());
				statement.setObject(2, new PGvector(item.vector()));
				statement.setString(3, item.model());
				statement.setString(4, item.textHash());
			})
			.assertUpdates(true)
			.build();
	}

	@Bean
	EmbeddingProgressListener progressListener(DataSource dataSource, JobProperties properties,
			ObjectProvider<EmbeddingModel> embeddingModel) {
		return new EmbeddingProgressListener(dataSource, properties, embeddingModel);
	}

}
