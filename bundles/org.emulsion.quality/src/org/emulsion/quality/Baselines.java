package org.emulsion.quality;

import java.util.List;

/** The colour baselines an ML restoration is compared with. */
public final class Baselines {
    private Baselines() {
    }

    /** Fresh, unfitted instances: Reinhard transfer, 2nd- and 3rd-order polynomial regression, 33³ LUT. */
    public static List<ColourBaseline> all() {
        return List.of(new ReinhardTransfer(), new PolynomialRegression(2), new PolynomialRegression(3),
                new Lut3d(Lut3d.DEFAULT_SIZE));
    }
}
