package io.github.iotembeddings.demo;

import java.time.OffsetDateTime;

/**
 * A generated event, in the columns of the demo {@code iot_events} table.
 *
 * @param deviceId e.g. {@code thermo-07}
 * @param eventType e.g. {@code overheating_alert}
 * @param payloadJson a JSON object
 * @param createdAt when it happened
 */
record DemoEvent(String deviceId, String eventType, String payloadJson, OffsetDateTime createdAt) {

}
