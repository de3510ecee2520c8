package io.github.iotembeddings.job;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class VectorSourcesTests {

	@Test
	void survivesTheStepsExecutionContextAndSumsOverSteps() {
		// given counts saved by two steps of one execution
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "embedEvents"), new JobParameters());
		StepExecution first = new StepExecution(1L, "one", execution);
		StepExecution second = new StepExecution(2L, "two", execution);
		execution.addStepExecution(first);
		execution.addStepExecution(second);
		new VectorSources(3, 5, 16).saveTo(first.getExecutionContext());
		new VectorSources(1, 0, 2).saveTo(second.getExecutionContext());

		// when / then
		assertThat(VectorSources.of(execution)).isEqualTo(new VectorSources(4, 5, 18));
		assertThat(VectorSources.of(new ExecutionContext())).isEqualTo(VectorSources.NONE);
		assertThat(new VectorSources(1200, 3000, 400).describe())
			.isEqualTo("1,200 by the model, 3,400 copied (3,000 within a chunk, 400 stored)");
	}

}
