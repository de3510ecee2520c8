package io.github.iotembeddings.schema;

import io.github.iotembeddings.config.InvalidConfigurationException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The opt-in read policy on {@code public.event_embeddings}: a role (Supabase's {@code authenticated}
 * by default) may read an embedding exactly when it may read its event. The policy's {@code using}
 * clause looks the event up in {@code public.iot_events}, and that lookup runs with the reader's rights,
 * so {@code iot_events}' own row-level security decides, and no second copy of the user's rules exists
 * to drift. Writes stay closed: there is no insert, update or delete policy.
 */
@Component
public class ReadPolicy {

	/** The policy's name on {@code public.event_embeddings}. */
	public static final String NAME = "iot_embeddings_read_with_event";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	/** The search function that migrate creates, by its signature. */
	static final String MATCH_FUNCTION = "public.match_iot_events(vector, integer, timestamptz, timestamptz, jsonb)";

	ReadPolicy(JdbcTemplate jdbcTemplate, TransactionTemplate transaction) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
	}

	/**
	 * Creates (or replaces) the policy for the role and grants it {@code select} on the table and the right to
	 * call {@code public.match_iot_events}, which reads as its caller.
	 * @param role an existing role
	 */
	public void grant(String role) {
		requireRole(role);
		transaction.executeWithoutResult(status -> {
			jdbcTemplate.execute("drop policy if exists " + NAME + " on public.event_embeddings");
			jdbcTemplate.execute(jdbcTemplate.queryForObject("""
					select format('create policy %I on public.event_embeddings for select to %I
					  using (exists (select 1 from public.iot_events e where e.id = event_embeddings.event_id))', ?, ?)""",
					String.class, NAME, role));
			jdbcTemplate.execute(jdbcTemplate.queryForObject(
					"select format('grant select on public.event_embeddings to %I', ?)", String.class, role));
			jdbcTemplate.execute(jdbcTemplate.queryForObject("select format('grant execute on function " + MATCH_FUNCTION
					+ " to %I', ?)", String.class, role));
		});
	}

	/**
	 * Drops the policy and takes {@code select} on the table and the right to call the match function back
	 * from the role.
	 * @param role an existing role
	 */
	public void revoke(String role) {
		requireRole(role);
		transaction.executeWithoutResult(status -> {
			jdbcTemplate.execute("drop policy if exists " + NAME + " on public.event_embeddings");
			jdbcTemplate.execute(jdbcTemplate.queryForObject(
					"select format('revoke select on public.event_embeddings from %I', ?)", String.class, role));
			jdbcTemplate.execute(jdbcTemplate.queryForObject("select format('revoke execute on function " + MATCH_FUNCTION
					+ " from %I', ?)", String.class, role));
		});
	}

	private void requireRole(String role) {
		Boolean exists = jdbcTemplate.queryForObject("select exists (select 1 from pg_roles where rolname = ?)",
				Boolean.class, role);
		if (!Boolean.TRUE.equals(exists)) {
			throw new InvalidConfigurationException("there is no role " + role + " in this database's server: pass"
					+ " --role=NAME with the role your app's users query as (on Supabase: authenticated)");
		}
	}

}
