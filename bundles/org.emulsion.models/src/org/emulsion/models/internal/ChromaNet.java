package org.emulsion.models.internal;

import org.emulsion.core.extensions.ModelArchitecture;

import ai.djl.nn.Block;

/** The {@code org.emulsion.models.chromaNet} contribution. */
public final class ChromaNet implements ModelArchitecture {

    @Override
    public Block newBlock(int baseWidth) {
        return new ChromaUNet(baseWidth);
    }

    @Override
    public int sizeMultiple() {
        return ChromaUNet.SIZE_MULTIPLE;
    }
}
