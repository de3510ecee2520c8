package io.github.iotembeddings.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import org.postgresql.PGConnection;

import org.springframework.stereotype.Component;

/**
 * The upsert path alone, with the model out of the picture: the same rows written chunk by chunk, one
 * commit per chunk as the job commits, once as the job writes them (a batched {@code insert ... on
 * conflict}) and once as binary COPY into a staging table followed by one {@code insert ... select ... on
 * conflict}. Both write into a temporary copy of {@code event_embeddings} (its indexes included, its
 * foreign key not), so nothing real is touched.
 */
@Component
public class WriteBenchmark {

	private static final String TARGET = "pg_temp.bench_embeddings";

	private static final String STAGING = "pg_temp.bench_embeddings_staging";

	private static final String CONFLICT = """
			on conflict (event_id) do update
			  set embedding = excluded.embedding, model = excluded.model, text_hash = excluded.text_hash,
			      created_at = now()""";

	private final DataSource dataSource;

	WriteBenchmark(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * @param vectors real vectors to write, reused round-robin
	 * @param rows rows to write per method
	 * @param chunkSize rows per commit
	 * @return rows/s for each method
	 */
	public Result run(float[][] vectors, int rows, int chunkSize) {
		try (Connection connection = dataSource.getConnection()) {
			PGvector.addVectorType(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("create temp table bench_embeddings (like public.event_embeddings including defaults"
						+ " including indexes)");
				statement.execute("create temp table bench_embeddings_staging (event_id bigint, embedding vector(384),"
						+ " model text, text_hash text)");
			}
			connection.setAutoCommit(false);
			double insertSeconds = timed(() -> insert(connection, vectors, rows, chunkSize));
			truncate(connection);
			double copySeconds = timed(() -> copy(connection, vectors, rows, chunkSize));
			try (Statement statement = connection.createStatement()) {
				statement.execute("drop table " + TARGET + ", " + STAGING);
			}
			connection.commit();
			return new Result(rows, chunkSize, rows / insertSeconds, rows / copySeconds);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("write benchmark failed: " + ex.getMessage(), ex);
		}
	}

	private static void insert(Connection connection, float[][] vectors, int rows, int chunkSize) throws SQLException {
		String sql = "insert into " + TARGET + " (event_id, embedding, model, text_hash) values (?, ?, ?, ?) " + CONFLICT;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int from = 0; from < rows; from += chunkSize) {
				for (int row = from; row < Math.min(from + chunkSize, rows); row++) {
					statement.setLong(1, row + 1);
					statement.setObject(2, new PGvector(vectors[row % vectors.length]));
					statement.setString(3, "bench");
					statement.setString(4, textHash(row));
					statement.addBatch();
				}
				statement.executeBatch();
				connection.commit();
			}
		}
	}

	private static void copy(Connection connection, float[][] vectors, int rows, int chunkSize) throws SQLException {
		String merge = "insert into " + TARGET + " (event_id, embedding, model, text_hash) select event_id, embedding,"
				+ " model, text_hash from " + STAGING + " " + CONFLICT;
		var copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
		try (Statement statement = connection.createStatement()) {
			for (int from = 0; from < rows; from += chunkSize) {
				byte[] data = binaryCopy(vectors, from, Math.min(from + chunkSize, rows));
				copyManager.copyIn("copy " + STAGING + " (event_id, embedding, model, text_hash) from stdin (format binary)",
						new ByteArrayInputStream(data));
				statement.executeUpdate(merge);
				statement.execute("truncate " + STAGING);
				connection.commit();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** PostgreSQL's binary COPY format; a vector is int16 dimensions, int16 unused, then float4s. */
	static byte[] binaryCopy(float[][] vectors, int from, int to) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeBytes("PGCOPY\n");
			out.write(new byte[] { (byte) 0xFF, '\r', '\n', 0 });
			out.writeInt(0);
			out.writeInt(0);
			byte[] model = "bench".getBytes(StandardCharsets.UTF_8);
			for (int row = from; row < to; row++) {
				float[] vector = vectors[row % vectors.length];
				out.writeShort(4);
				out.writeInt(8);
				out.writeLong(row + 1);
				out.writeInt(4 + 4 * vector.length);
				out.writeShort(vector.length);
				out.writeShort(0);
				for (float value : vector) {
					out.writeFloat(value);
				}
				out.writeInt(model.length);
				out.write(model);
				byte[] hash = textHash(row).getBytes(StandardCharsets.UTF_8);
				out.writeInt(hash.length);
				out.write(hash);
			}
			out.writeShort(-1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static String textHash(int row) {
		return String.format("%032x", row);
	}

	private static void truncate(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("truncate " + TARGET);
		}
		connection.commit();
	}

	private static double timed(SqlWork work) throws SQLException {
		long started = System.nanoTime();
		work.run();
		return (System.nanoTime() - started) / 1e9;
	}

	@FunctionalInterface
	private interface SqlWork {

		void run() throws SQLException;

	}

	/**
	 * @param rows rows written per method
	 * @param chunkSize rows per commit
	 * @param insertRowsPerSecond batched {@code insert ... on conflict}, as the job writes
	 * @param copyRowsPerSecond binary COPY into staging, then one {@code insert ... select ... on conflict}
	 */
	public record Result(int rows, int chunkSize, double insertRowsPerSecond, double copyRowsPerSecond) {

	}

}
