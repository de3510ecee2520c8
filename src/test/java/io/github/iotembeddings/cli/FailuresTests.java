package io.github.iotembeddings.cli;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.Refusal;
import io.github.iotembeddings.executions.NoSuchExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal and a setting to fix are told apart, and both keep the contract's exit code 2. */
class FailuresTests {

	@Test
	void aRefusalAndASettingEachHaveTheirExitCodeOf2() {
		assertThat(Failures.exitCode(new Refusal("execution 5 is still STARTED in a running process")))
			.isEqualTo(ExitCodes.REFUSED).isEqualTo(2);
		assertThat(Failures.exitCode(new NoSuchExecutionException(5))).isEqualTo(ExitCodes.REFUSED);
		assertThat(Failures.exitCode(new InvalidConfigurationException("model directory /x does not exist")))
			.isEqualTo(ExitCodes.USAGE).isEqualTo(2);
	}

}
