/** Demo data: the sample iot_events table and realistic events for trying the tool. */
@NullMarked
package io.github.iotembeddings.demo;

import org.jspecify.annotations.NullMarked;
