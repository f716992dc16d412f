package org.emulsion.simulator;

import org.emulsion.core.image.Image;

/**
 * One simulated scan frame: the scan (RGB in [0, 1]), a one-channel mask that is 1 wherever
 * physical damage (dust, scratches, vinegar syndrome, nitrate decay) changed the image, and
 * whether the frame is missing from the print (then the scan is black and the mask all 1).
 */
public record ScanFrame(Image scan, Image damageMask, boolean missing) {
}
