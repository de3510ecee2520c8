/**
 * The one embedding pass behind every entry point (command line, scheduler, admin API): checks, text
 * function, model, the run under its lock, and the work that follows a run.
 */
@NullMarked
package io.github.iotembeddings.run;

import org.jspecify.annotations.NullMarked;
