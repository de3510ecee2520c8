package io.github.iotembeddings.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Makes realistic IoT events: thermal, door, battery, motion, humidity, smoke, power and device-health
 * events from a fleet of devices, with short payloads for most and long free-text ones (maintenance
 * notes, error logs) for some, spread over the time window before {@code now}, oldest first.
 */
class DemoEventGenerator {

	private static final String[] ROOMS = { "server room", "lobby", "warehouse aisle 3", "cold storage", "kitchen",
			"loading dock", "office 2B", "lab", "boiler room", "parking garage" };

	private static final String[] ERRORS = { "sensor read timeout", "checksum mismatch on frame",
			"MQTT broker connection reset", "I2C bus stuck low", "watchdog reset", "clock drift above threshold" };

	private final RandomGenerator random;

	private final OffsetDateTime now;

	DemoEventGenerator(RandomGenerator random, OffsetDateTime now) {
		this.random = random;
		this.now = now;
	}

	/**
	 * @param count how many events
	 * @param window the span of time they cover, ending now
	 * @return the events, oldest first
	 */
	List<DemoEvent> generate(int count, Duration window) {
		List<DemoEvent> events = new ArrayList<>(count);
		long stepMillis = Math.max(window.toMillis() / Math.max(count, 1), 1);
		OffsetDateTime start = now.minus(window);
		for (int i = 0; i < count; i++) {
			events.add(next(start.plusNanos((i * stepMillis + random.nextLong(stepMillis)) * 1_000_000)));
		}
		return events;
	}

	private DemoEvent next(OffsetDateTime at) {
		String room = pick(ROOMS);
		int kind = random.nextInt(100);
		if (kind < 22) {
			double temp = 18 + random.nextDouble() * 8;
			return event("thermo", "temperature_reading", at, "\"temp_c\": %.1f, \"room\": \"%s\"", temp, room);
		}
		if (kind < 28) {
			double temp = 70 + random.nextDouble() * 25;
			return event("thermo", "overheating_alert", at,
					"\"temp_c\": %.1f, \"threshold_c\": 65, \"room\": \"%s\", \"message\": \"temperature above threshold, fan speed raised\"",
					temp, room);
		}
		if (kind < 44) {
			String state = random.nextBoolean() ? "open" : "closed";
			return event("door", "door_" + (state.equals("open") ? "opened" : "closed"), at,
					"\"state\": \"%s\", \"door\": \"%s\"", state, room);
		}
		if (kind < 52) {
			int battery = 3 + random.nextInt(15);
			return event(pick(new String[] { "door", "motion", "thermo" }), "battery_low", at,
					"\"battery_pct\": %d, \"message\": \"replace battery soon\"", battery);
		}
		if (kind < 66) {
			return event("motion", "motion_detected", at, "\"zone\": \"%s\", \"confidence\": %.2f", room,
					0.5 + random.nextDouble() / 2);
		}
		if (kind < 76) {
			return event("humid", "humidity_reading", at, "\"humidity_pct\": %.1f, \"room\": \"%s\"",
					30 + random.nextDouble() * 50, room);
		}
		if (kind < 79) {
			return event("smoke", "smoke_detected", at, "\"room\": \"%s\", \"obscuration_pct_per_m\": %.2f", room,
					1 + random.nextDouble() * 5);
		}
		if (kind < 90) {
			return event("meter", "power_usage", at, "\"kw\": %.2f, \"circuit\": \"%s\"", random.nextDouble() * 40, room);
		}
		if (kind < 96) {
			return event("gateway", "device_error", at, "\"error\": \"%s\", \"log\": \"%s\"", pick(ERRORS), errorLog());
		}
		return event("gateway", "maintenance_note", at, "\"technician\": \"%s\", \"note\": \"%s\"",
				pick(new String[] { "A. Ruiz", "K. Osei", "M. Novak", "S. Tanaka" }), maintenanceNote(room));
	}

	private DemoEvent event(String deviceKind, String type, OffsetDateTime at, String payloadFormat, Object... args) {
		String deviceId = String.format(Locale.ROOT, "%s-%02d", deviceKind, 1 + random.nextInt(40));
		return new DemoEvent(deviceId, type, "{" + String.format(Locale.ROOT, payloadFormat, args) + "}", at);
	}

	private String errorLog() {
		StringBuilder log = new StringBuilder();
		int lines = 3 + random.nextInt(12);
		for (int i = 0; i < lines; i++) {
			log.append(String.format(Locale.ROOT, "retry %d: %s after %d ms; ", i + 1, pick(ERRORS),
					50 + random.nextInt(2000)));
		}
		return log.toString().strip();
	}

	private String maintenanceNote(String room) {
		return "Inspected the units in the " + room + ". Cleaned the intake filters, re-seated the sensor cables,"
				+ " replaced two batteries and updated the gateway firmware. Temperature and humidity readings"
				+ " look normal again; door contact on the north side still reports intermittent opens and"
				+ " should be replaced at the next visit. Next inspection in " + (2 + random.nextInt(10)) + " weeks.";
	}

	private String pick(String[] values) {
		return values[random.nextInt(values.length)];
	}

}
