package org.emulsion.workflow.artwork.ui.internal;

import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.FrameworkUtil;

/** Texts from this bundle's {@code plugin.properties} (its Bundle-Localization), for the current locale. */
final class Texts {
    private static final ResourceBundle TEXTS = Platform.getResourceBundle(FrameworkUtil.getBundle(Texts.class));

    private Texts() {
    }

    /** The text for {@code key} with {@code {0}, {1}...} replaced by {@code args}. */
    static String get(String key, Object... args) {
        String text;
        try {
            text = TEXTS.getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
        return args.length == 0 ? text : NLS.bind(text, args);
    }
}
