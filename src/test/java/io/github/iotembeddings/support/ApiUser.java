package io.github.iotembeddings.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries as a user of a Supabase-style app: in a transaction that takes an API role ({@code anon},
 * {@code authenticated}) and sets the JWT's subject as PostgREST does, then rolls back.
 */
public final class ApiUser {

	private ApiUser() {
	}

	/**
	 * @return the first column of every row, or nothing when the role may not read the relations at all
	 */
	public static List<String> query(TestDatabase db, String role, String subject, String sql) {
		return db.jdbc().execute((Connection connection) -> {
			connection.setAutoCommit(false);
			List<String> values = new ArrayList<>();
			try (var statement = connection.createStatement()) {
				statement.execute("set local role " + role);
				try (PreparedStatement claim = connection.prepareStatement(
						"select set_config('request.jwt.claim.sub', ?, true)")) {
					claim.setString(1, subject);
					claim.execute();
				}
				try (ResultSet rs = statement.executeQuery(sql)) {
					while (rs.next()) {
						values.add(rs.getString(1));
					}
				}
			}
			catch (SQLException ex) {
				if (!ex.getMessage().contains("permission denied")) {
					throw ex;
				}
			}
			finally {
				connection.rollback();
			}
			return values;
		});
	}

}
