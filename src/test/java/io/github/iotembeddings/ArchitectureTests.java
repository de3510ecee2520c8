package io.github.iotembeddings;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering docs/ARCHITECTURE.md draws: packages by capability without cycles, services that never
 * reach into the adapters (the entry points), and a root package that is only the application's
 * configuration root.
 */
@AnalyzeClasses(packages = "io.github.iotembeddings", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String[] ADAPTERS = { "..cli..", "..schedule..", "..admin..", "..api..", "..console.." };

	@ArchTest
	static final ArchRule packagesDoNotDependOnEachOtherInCycles = slices().matching("io.github.iotembeddings.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule servicesDoNotDependOnTheAdapters = noClasses().that()
		.resideOutsideOfPackages(ADAPTERS)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ADAPTERS);

	/** The root holds the configuration root alone: a class there that used a package would hide a cycle. */
	@ArchTest
	static final ArchRule theRootPackageDependsOnNoCapability = noClasses().that()
		.resideInAPackage("io.github.iotembeddings")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.iotembeddings.*..");

	/** Only the command line starts the application. */
	@ArchTest
	static final ArchRule onlyTheCommandLineStartsTheApplication = noClasses().that()
		.resideOutsideOfPackages("io.github.iotembeddings", "..cli..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.iotembeddings");

}
