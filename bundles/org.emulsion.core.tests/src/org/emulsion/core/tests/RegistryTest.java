package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.Registries;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.junit.jupiter.api.Test;

/** The registries read this bundle's plugin.xml: valid contributions are served, broken ones reported. */
class RegistryTest {
    private static final String BUNDLE = "org.emulsion.core.tests";

    @Test
    void validContributionIsServedWithItsBundleAndLabels() {
        var source = ReferenceSourceRegistry.get().get("test.source");
        assertEquals(BUNDLE, source.bundle());
        assertEquals("Test source", source.name());
        assertEquals("valid", source.description());
        assertInstanceOf(Fakes.Source.class, source.instance());
        assertSame(source.instance(), source.instance(), "one shared instance");
    }

    @Test
    void brokenContributionsAreReportedWithTheContributingBundleNotThrown() {
        List<ContributionProblem> problems = ReferenceSourceRegistry.get().problems();
        assertEquals(List.of("test.source"), ReferenceSourceRegistry.get().all().stream().map(c -> c.id()).toList());
        assertProblem(problems, "test.missingClass", "not found");
        assertProblem(problems, "test.wrongType", "does not implement org.emulsion.core.extensions.ReferenceSource");
        assertProblem(problems, "", "has no id");
        problems.forEach(p -> assertEquals(BUNDLE, p.bundle()));
        assertTrue(problems.get(0).toString().startsWith(BUNDLE + ":"), problems.get(0).toString());
    }

    @Test
    void duplicateIdKeepsTheFirstAndReportsTheSecond() {
        assertEquals(1, AlignerRegistry.get().all().size());
        assertEquals("First", AlignerRegistry.get().get("test.aligner").name());
        assertProblem(AlignerRegistry.get().problems(), "test.aligner", "duplicate id, already contributed by " + BUNDLE);
    }

    @Test
    void temporalAlignersHaveTheirOwnPoint() {
        assertEquals(List.of("test.temporal"), TemporalAlignerRegistry.get().all().stream().map(c -> c.id()).toList());
        assertInstanceOf(Fakes.TemporalAligner.class, TemporalAlignerRegistry.get().get("test.temporal").instance());
        assertProblem(TemporalAlignerRegistry.get().problems(), "test.temporalWrongType",
                "does not implement org.emulsion.core.extensions.TemporalAligner");
    }

    @Test
    void constructorFailureNamesTheBundle() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CompositorRegistry.get().get("test.throwing").instance());
        assertTrue(e.getMessage().contains(BUNDLE) && e.getMessage().contains("test.throwing"), e.getMessage());
    }

    @Test
    void unknownIdListsWhatIsInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlignerRegistry.get().get("nope"));
        assertTrue(e.getMessage().contains("test.aligner"), e.getMessage());
    }

    @Test
    void aRecipeWhosePartsAreNotInstalledIsRejectedWithTheReason() {
        // this runtime has no pipeline, engine or models: the recipe's target and architecture are missing
        assertTrue(WorkflowRegistry.get().find("test.workflow").isEmpty());
        assertProblem(WorkflowRegistry.get().problems(), "test.workflow", "restores target 'test.target', which no installed bundle declares");
    }

    @Test
    void optionValuesAreCheckedAgainstTheirType() {
        assertEquals(null, new WorkflowOption("steps", "integer", "100", "Steps").validate("12"));
        assertEquals("--steps takes a whole number, not 'many'", new WorkflowOption("steps", "integer", "100", "Steps").validate("many"));
        assertTrue(new WorkflowOption("flag", "boolean", "false", "A switch").validate("yes").contains("--flag takes true or false"));
        assertEquals("--prints needs at least one path", new WorkflowOption("prints", "paths", null, "Prints").validate("\n"));
        assertEquals(List.of("/a", "/b c"), WorkflowOption.paths("/a" + WorkflowOption.PATH_SEPARATOR + "/b c"));
        WorkflowOption steps = new WorkflowOption("steps", "integer", "100", "Steps", List.of(), 1.0);
        assertEquals("--steps takes a whole number of at least 1, not '0'", steps.validate("0"));
        assertEquals("--rate takes a number of at least 0.25, not '0.1'",
                new WorkflowOption("rate", "double", "0.5", "Rate", List.of(), 0.25).validate("0.1"));
        WorkflowOption format = new WorkflowOption("format", "string", "tiff", "Format", List.of("tiff", "dpx"), null);
        assertEquals("--format takes one of tiff, dpx, not 'jpeg'", format.validate("jpeg"));
        assertEquals(null, format.validate("DPX"), "choices ignore case");
    }

    @Test
    void corePointsAreListedInDataFlowOrder() {
        assertEquals(List.of("referenceSources", "temporalAligners", "aligners", "compositors", "workflows"),
                Registries.core().stream().map(r -> r.extensionPointId().substring("org.emulsion.core.".length())).toList());
    }

    private static void assertProblem(List<ContributionProblem> problems, String id, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.contributionId().equals(id) && p.message().contains(text)),
                "expected a problem for '" + id + "' containing '" + text + "' in " + problems);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String text) {
        EmulsionException e = assertThrows(EmulsionException.class, call);
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
