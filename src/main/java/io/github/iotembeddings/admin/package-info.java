/** The scheduler's small HTTP admin API: list runs, restart a failed one, sync now; bearer-token only. */
@NullMarked
package io.github.iotembeddings.admin;

import org.jspecify.annotations.NullMarked;
