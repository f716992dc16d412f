package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.align.internal.FeatureEccAligner;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.Aligner;
import org.junit.jupiter.api.Test;

class AlignerRegistryTest {

    @Test
    void featureEccAlignerIsContributed() {
        Contribution<Aligner> contribution = AlignerRegistry.get().find("org.emulsion.align.featureEcc")
                .orElseThrow(() -> new AssertionError("not registered; problems: " + AlignerRegistry.get().problems()));
        assertEquals("org.emulsion.align", contribution.bundle());
        assertInstanceOf(FeatureEccAligner.class, contribution.instance());
        assertTrue(!contribution.name().startsWith("%") && !contribution.description().startsWith("%"),
                "labels must be translated from plugin.properties: " + contribution.name());
    }
}
