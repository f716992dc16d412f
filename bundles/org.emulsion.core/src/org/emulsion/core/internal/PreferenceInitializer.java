package org.emulsion.core.internal;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.emulsion.core.EmulsionPreferences;

/** Fills the default scope of {@value EmulsionPreferences#QUALIFIER} (contributed in plugin.xml). */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {
    @Override
    public void initializeDefaultPreferences() {
        EmulsionPreferences.initializeDefaults(DefaultScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER));
    }
}
