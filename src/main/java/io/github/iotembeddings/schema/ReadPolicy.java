package io.github.iotembeddings.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.iotembeddings.config.InvalidConfigurationException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The opt-in read policies on {@code public.event_embeddings}, one per role: a role (Supabase's
 * {@code authenticated} by default) may read an embedding exactly when it may read its event. The policy's
 * {@code using} clause looks the event up in {@code public.iot_events}, and that lookup runs with the
 * reader's rights, so {@code iot_events}' own row-level security decides, and no second copy of the user's
 * rules exists to drift. Writes stay closed: there is no insert, update or delete policy. Granting one role
 * leaves the others' policies alone.
 */
@Component
public class ReadPolicy {

	/**
	 * The start of every read policy's name: {@code migrate} (changeset 012) grants select back to the API roles
	 * that hold a policy so named. The single policy of earlier versions, {@code iot_embeddings_read_with_event},
	 * has it too.
	 */
	public static final String NAME_PREFIX = "iot_embeddings_read_";

	/** PostgreSQL truncates a longer identifier, and two long role names could then share a policy name. */
	private static final int MAX_IDENTIFIER_BYTES = 63;

	/**
	 * The search function that migrate creates, by its name alone (there is one), so that a statement naming
	 * it need not resolve {@code vector}, which lives wherever the extension was installed.
	 */
	static final String MATCH_FUNCTION = "public.match_iot_events";

	/** The hybrid search function, which calls the match function: a reader needs both. */
	static final String HYBRID_FUNCTION = "public.hybrid_match_iot_events";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	ReadPolicy(JdbcTemplate jdbcTemplate, TransactionTemplate transaction) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
	}

	/**
	 * Creates the role's policy (replacing one it had) and grants it {@code select} on the table and the right to
	 * call {@code public.match_iot_events} and {@code public.hybrid_match_iot_events}, which read as their caller.
	 * @param role an existing role
	 * @return the policy's name
	 */
	public String grant(String role) {
		requireRole(role);
		String policy = policyName(role);
		transaction.executeWithoutResult(status -> {
			dropPolicies(role);
			execute("""
					create policy %I on public.event_embeddings for select to %I
					  using (exists (select 1 from public.iot_events e where e.id = event_embeddings.event_id))""", policy,
					role);
			execute("grant select on public.event_embeddings to %I", role);
			execute("grant execute on function " + MATCH_FUNCTION + " to %I", role);
			execute("grant execute on function " + HYBRID_FUNCTION + " to %I", role);
		});
		return policy;
	}

	/**
	 * Drops the role's policy and takes {@code select} on the table and the right to call the match function back
	 * from it; other roles' policies stay.
	 * @param role an existing role
	 */
	public void revoke(String role) {
		requireRole(role);
		transaction.executeWithoutResult(status -> {
			dropPolicies(role);
			execute("revoke select on public.event_embeddings from %I", role);
			execute("revoke execute on function " + MATCH_FUNCTION + " from %I", role);
			execute("revoke execute on function " + HYBRID_FUNCTION + " from %I", role);
		});
	}

	/**
	 * @param role a role name, as PostgreSQL spells it
	 * @return the name of its policy: the prefix and the role, or, where that would pass PostgreSQL's 63 bytes,
	 * the prefix and the md5 of the role
	 */
	static String policyName(String role) {
		String name = NAME_PREFIX + role;
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
			return name;
		}
		try {
			return NAME_PREFIX
					+ HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(role.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has MD5", ex);
		}
	}

	/**
	 * Found by the role they apply to, not by name, so that the policy of earlier versions and one named for a
	 * role since renamed are replaced rather than left beside the new one.
	 */
	private void dropPolicies(String role) {
		for (String policy : jdbcTemplate.queryForList("""
				select policyname from pg_policies
				where schemaname = 'public' and tablename = 'event_embeddings' and starts_with(policyname, ?)
				  and roles = array[?]::name[]""", String.class, NAME_PREFIX, role)) {
			execute("drop policy %I on public.event_embeddings", policy);
		}
	}

	/** Runs the statement with the identifiers quoted into it by {@code format}'s {@code %I}. */
	private void execute(String template, String... identifiers) {
		Object[] arguments = new Object[identifiers.length + 1];
		arguments[0] = template;
		System.arraycopy(identifiers, 0, arguments, 1, identifiers.length);
		jdbcTemplate.execute(jdbcTemplate.queryForObject(
				"select format(?" + ", ?::text".repeat(identifiers.length) + ")", String.class, arguments));
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
