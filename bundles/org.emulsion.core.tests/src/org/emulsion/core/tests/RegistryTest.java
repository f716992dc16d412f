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
import org.emulsion.core.extensions.ArchitectureContribution;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ModelArchitectureRegistry;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.Registries;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.extensions.WorkflowContribution;
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
    void architectureDeclaresItsChannelContract() {
        ArchitectureContribution net = ModelArchitectureRegistry.get().get("test.net");
        assertEquals(3, net.inputChannels());
        assertEquals(1, net.outputChannels());
        assertEquals(ArchitectureContribution.Target.LUMA, net.target());
        assertEquals(96, net.defaultPatchSize());
        assertEquals(24, net.defaultBaseWidth());
    }

    @Test
    void workflowOptionsAreCheckedAndDefaulted() throws EmulsionException {
        WorkflowContribution w = WorkflowRegistry.get().get("test.workflow");
        assertEquals("test.aligner", w.alignerId());
        assertEquals(5, w.options().size());
        Map<String, String> resolved = w.resolveOptions(Map.of("scan", "/film/reel1"));
        assertEquals(Map.of("scan", "/film/reel1", "steps", "100", "rate", "0.5", "flag", "false", "format", "tiff"), resolved);
        assertMessage(() -> w.resolveOptions(Map.of()), "needs --scan");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "steps", "many")), "--steps takes a whole number, not 'many'");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "flag", "yes")), "--flag takes true or false");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "stesp", "3")), "has no option --stesp");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "steps", "0")), "--steps takes a whole number of at least 1, not '0'");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "rate", "0.1")), "--rate takes a number of at least 0.25, not '0.1'");
        assertMessage(() -> w.resolveOptions(Map.of("scan", "s", "format", "jpeg")), "--format takes one of tiff, dpx, not 'jpeg'");
        assertEquals("DPX", w.resolveOptions(Map.of("scan", "s", "format", "DPX")).get("format"), "choices ignore case");
    }

    @Test
    void allPointsAreListedInDataFlowOrder() {
        assertEquals(List.of("referenceSources", "temporalAligners", "aligners", "modelArchitectures", "compositors", "workflows"),
                Registries.all().stream().map(r -> r.extensionPointId().substring("org.emulsion.core.".length())).toList());
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
