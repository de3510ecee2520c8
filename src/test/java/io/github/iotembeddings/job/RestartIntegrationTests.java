package io.github.iotembeddings.job;

import java.util.List;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run that fails part-way, then a restart: every event embedded, none written twice. The command
 * line's side (exit codes, the {@code restart N} hint) is in {@code CommandLineIntegrationTests}.
 */
class RestartIntegrationTests {

	@Test
	void restartResumesAfterTheLastCommittedChunk() throws Exception {
		try (TestApplication app = TestApplication.of("restart").start()) {
			// given 30 events, and a database that rejects the write of the 18th newest, so that the run
			// (chunks of 5, newest first) commits three chunks and fails in the fourth
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(30);
			long poisoned = ids.get(ids.size() - 18);
			db.jdbc().execute("create table embedding_writes (event_id bigint not null)");
			db.jdbc().execute("""
					create function reject_poisoned() returns trigger language plpgsql as $$
					begin
					  if new.event_id = %d then raise exception 'simulated outage while writing event %%', new.event_id; end if;
					  insert into embedding_writes values (new.event_id);
					  return new;
					end $$""".formatted(poisoned));
			db.jdbc().execute("""
					create trigger reject_poisoned before insert or update on public.event_embeddings
					for each row execute function reject_poisoned()""");

			// when the run fails
			JobExecution failed = app.startJob(5);

			// then it fails with the cause, and the committed chunks stay
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(failed.getAllFailureExceptions()).map(Messages::ofRootCause)
				.anyMatch(message -> message.contains("simulated outage"));
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(15);

			// when the cause is fixed and the run restarted
			db.jdbc().execute("drop trigger reject_poisoned on public.event_embeddings");
			db.jdbc().execute("""
					create trigger count_writes before insert or update on public.event_embeddings
					for each row execute function reject_poisoned()""");
			db.jdbc().execute("create or replace function reject_poisoned() returns trigger language plpgsql as $$"
					+ " begin insert into embedding_writes values (new.event_id); return new; end $$");
			PassResult restart = app.restart(failed.getId());

			// then it read only what was left, and every event was written exactly once
			assertThat(restart.completed()).as(restart.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(30);
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(30);
			assertThat(db.count("""
					select se.read_count from batch_step_execution se
					where se.job_execution_id = (select max(job_execution_id) from batch_job_execution)""")).isEqualTo(15);
			assertThat(db.count("select count(*) from batch_job_instance")).as("a restart continues the same instance")
				.isEqualTo(1);

			// and a completed execution cannot be restarted again
			assertThatThrownBy(() -> app.restart(failed.getId())).isInstanceOf(Refusal.class)
				.hasMessageContaining("COMPLETED");
		}
	}

}
