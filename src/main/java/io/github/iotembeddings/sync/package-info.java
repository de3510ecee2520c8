/** How changes to the events reach the tool: the opt-in change trigger on {@code public.iot_events}. */
@NullMarked
package io.github.iotembeddings.sync;

import org.jspecify.annotations.NullMarked;
