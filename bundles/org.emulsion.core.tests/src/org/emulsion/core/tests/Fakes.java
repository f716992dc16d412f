package org.emulsion.core.tests;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;

/** Minimal contributions for the registry tests (they test the registries, not these classes). */
public final class Fakes {
    private Fakes() {
    }

    public static final class Source implements org.emulsion.core.extensions.ReferenceSource {
        @Override
        public boolean canOpen(Path location) {
            return false;
        }

        @Override
        public FrameSource open(Path location) {
            throw new UnsupportedOperationException("test contribution");
        }
    }

    public static final class Aligner implements org.emulsion.core.extensions.Aligner {
        @Override
        public SpatialAlignment align(Image reference, Image scan) {
            return new SpatialAlignment(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, "identity");
        }

        @Override
        public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
            return reference;
        }
    }

    public static final class TemporalAligner implements org.emulsion.core.extensions.TemporalAligner {
        @Override
        public TemporalMatch match(FrameSource scan, FrameSource reference, IProgressMonitor monitor) {
            return new TemporalMatch(new int[scan.frameCount()], new double[scan.frameCount()], "first frame");
        }
    }

    public static final class Compositor implements org.emulsion.core.extensions.Compositor {
        @Override
        public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
            return scan;
        }
    }

    public static final class ThrowingCompositor implements org.emulsion.core.extensions.Compositor {
        public ThrowingCompositor() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
            return scan;
        }
    }

    public static final class Recipe implements org.emulsion.core.extensions.Workflow {
        @Override
        public WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) {
            return new WorkflowResult(run.outputDirectory(), run.outputDirectory().resolve("report.json"), java.util.Map.of());
        }
    }
}
