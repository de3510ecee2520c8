package io.github.iotembeddings.security;

import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.PgBouncer;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Through a real PgBouncer: in transaction mode (what Supabase's pooler does on port 6543) every command
 * refuses in one line naming the session-mode port, before anything is written; in session mode the
 * job runs.
 */
class PoolerIntegrationTests {

	@Test
	void aTransactionModePoolerIsRefusedAndSessionModeWorks() throws Exception {
		assumeTrue(PgBouncer.available(), "PgBouncer is installed by scripts/test.sh and runs as postgres (needs root)");
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("pooler")) {
			// given
			db.createEventsTable();
			db.insertSimpleEvents(6);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();

			try (PgBouncer transactionMode = PgBouncer.start(db, "transaction")) {
				// when
				CliRun sync = CliRun.run(Map.of("DATABASE_URL", transactionMode.url(db)), "sync");

				// then
				assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(2);
				assertThat(sync.err()).contains("is a connection pooler in transaction mode")
					.contains("session mode (on Supabase: port 5432")
					.doesNotContain(String.valueOf(db.connection().password()));
				assertThat(db.count("select count(*) from public.event_embeddings")).isZero();
			}

			try (PgBouncer sessionMode = PgBouncer.start(db, "session")) {
				CliRun sync = CliRun.run(Map.of("DATABASE_URL", sessionMode.url(db)), "sync");

				assertThat(sync.exitCode()).as(sync.toString()).isZero();
				assertThat(db.missing()).isZero();
			}
		}
	}

}
