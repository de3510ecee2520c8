package io.github.iotembeddings.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns {@code column=value} filters into the JSON object {@code match_iot_events} matches events
 * against ({@code to_jsonb(e) @> filter}), typed as the column is so that {@code 42} matches a number
 * and {@code "42"} a text. Columns are checked against {@code iot_events} as it is, so a typo is an
 * error rather than a filter that quietly matches nothing.
 */
class SearchFilters {

	/** How a value is cast before it goes into the JSON object; only these four. */
	private enum JsonKind {

		NUMBER("numeric"), BOOLEAN("boolean"), TEXT("text"), JSON("jsonb");

		private final String cast;

		JsonKind(String cast) {
			this.cast = cast;
		}

	}

	private static final String COLUMNS = """
			select a.attname, t.typname, t.typcategory
			from pg_attribute a join pg_type t on t.oid = a.atttypid
			where a.attrelid = 'public.iot_events'::regclass and a.attnum > 0 and not a.attisdropped""";

	private final JdbcTemplate jdbcTemplate;

	SearchFilters(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param where column name to value
	 * @return the JSON object's text, {@code {}} for no filter
	 * @throws InvalidQueryException naming an unknown column, a column of a type that cannot be matched
	 * this way, or a value that is not of the column's type
	 */
	String toJson(Map<String, String> where) {
		if (where.isEmpty()) {
			return "{}";
		}
		Map<String, String[]> columns = new TreeMap<>();
		jdbcTemplate.query(COLUMNS, row -> {
			columns.put(row.getString(1), new String[] { row.getString(2), row.getString(3) });
		});
		List<String> parts = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		for (Map.Entry<String, String> filter : new TreeMap<>(where).entrySet()) {
			String[] column = columns.get(filter.getKey());
			if (column == null) {
				throw new InvalidQueryException("unknown filter '" + filter.getKey() + "': public.iot_events has the columns "
						+ String.join(", ", columns.keySet()));
			}
			JsonKind kind = kind(filter.getKey(), column[0], column[1]);
			parts.add("jsonb_build_object(?::text, ?::" + kind.cast + ")");
			arguments.add(filter.getKey());
			arguments.add(filter.getValue());
		}
		try {
			return jdbcTemplate.queryForObject("select (" + String.join(" || ", parts) + ")::text", String.class,
					arguments.toArray());
		}
		catch (DataAccessException ex) {
			throw new InvalidQueryException("a filter value does not fit its column's type ("
					+ ex.getMostSpecificCause().getMessage().lines().findFirst().orElse("") + "): " + where);
		}
	}

	private static JsonKind kind(String name, String type, String category) {
		if (type.equals("json") || type.equals("jsonb")) {
			return JsonKind.JSON;
		}
		return switch (category) {
			case "N" -> JsonKind.NUMBER;
			case "B" -> JsonKind.BOOLEAN;
			case "S" -> JsonKind.TEXT;
			case "D" -> throw new InvalidQueryException("filter '" + name + "' is a " + type
					+ " column: use --since and --until for a time range");
			default -> throw new InvalidQueryException("filter '" + name + "' is a " + type
					+ " column, which search cannot match; filter on a text, number, boolean or JSON column");
		};
	}

}
