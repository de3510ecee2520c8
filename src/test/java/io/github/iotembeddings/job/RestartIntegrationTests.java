package io.github.iotembeddings.job;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that fails part-way, then {@code restart}: every event embedded, none written twice. */
class RestartIntegrationTests {

	@Test
	void restartResumesAfterTheLastCommittedChunk() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("restart")) {
			// given 30 events, and a database that rejects the write of the 18th newest, so that the run
			// (chunks of 5, newest first) commits three chunks and fails in the fourth
			db.createEventsTable();
			List<Long> ids = db.insertSimpleEvents(30);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
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
			CliRun failed = CliRun.run(db.environment(), "sync", "--chunk-size=5");

			// then it says how to resume, and the committed chunks stay
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("simulated outage").contains("restart ");
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(15);
			long failedId = executionId(failed.err());

			// when the cause is fixed and the run restarted
			db.jdbc().execute("drop trigger reject_poisoned on public.event_embeddings");
			db.jdbc().execute("""
					create trigger count_writes before insert or update on public.event_embeddings
					for each row execute function reject_poisoned()""");
			db.jdbc().execute("create or replace function reject_poisoned() returns trigger language plpgsql as $$"
					+ " begin insert into embedding_writes values (new.event_id); return new; end $$");
			CliRun restart = CliRun.run(db.environment(), "restart", String.valueOf(failedId));

			// then it read only what was left, and every event was written exactly once
			assertThat(restart.exitCode()).as(restart.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(30);
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(30);
			assertThat(db.count("""
					select se.read_count from batch_step_execution se
					where se.job_execution_id = (select max(job_execution_id) from batch_job_execution)""")).isEqualTo(15);
			assertThat(db.count("select count(*) from batch_job_instance")).as("a restart continues the same instance")
				.isEqualTo(1);

			// and a completed execution cannot be restarted again
			CliRun again = CliRun.run(db.environment(), "restart", String.valueOf(failedId));
			assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
			assertThat(again.err()).contains("COMPLETED");
		}
	}

	@Test
	void restartOfAnUnknownExecutionIsAUsageError() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("restart_unknown")) {
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();

			CliRun restart = CliRun.run(db.environment(), "restart", "4242");

			assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(2);
			assertThat(restart.err()).contains("no embedding job execution with id 4242");
		}
	}

	private static long executionId(String message) {
		Matcher matcher = Pattern.compile("restart (\\d+)").matcher(message);
		assertThat(matcher.find()).as(message).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
