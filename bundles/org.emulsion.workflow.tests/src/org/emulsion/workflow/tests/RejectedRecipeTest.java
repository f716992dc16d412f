package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.junit.jupiter.api.Test;

/**
 * A recipe whose architecture restores another target (this bundle's plugin.xml puts the luma network
 * in a chroma restore) is a rejected contribution: not offered to restore, and named with the reason
 * by {@code ./emulsion plugins}.
 */
class RejectedRecipeTest {
    private static final String ID = "test.chromaWithLumaNet";

    @Test
    void anArchitectureOfAnotherTargetIsRejectedAndNamedInPlugins() {
        assertFalse(WorkflowRegistry.get().all().stream().map(WorkflowContribution::id).anyMatch(ID::equals),
                "a recipe whose architecture restores luma must not be offered as a chroma restore");
        Cli.Run plugins = Cli.run("plugins");
        assertEquals(0, plugins.exit(), plugins.err());
        String line = plugins.out().lines().filter(l -> l.contains("REJECTED " + ID)).findFirst().orElse("");
        assertTrue(line.contains("org.emulsion.workflow.tests") && line.contains("restores chroma but its architecture 'org.emulsion.models.lumaNet'")
                && line.contains("target=\"chroma\""), "plugins must name the rejected recipe, its bundle and why:\n" + plugins.out());
    }
}
