package org.emulsion.ui.internal;

import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.FrameworkUtil;

/**
 * Texts from a bundle's {@code plugin.properties} (its Bundle-Localization), for the current locale:
 * this bundle's through {@link #get}, a workflow UI bundle's through {@link #of}.
 */
public final class Labels {
    private static final Labels OWN = of(Labels.class);

    private final ResourceBundle texts;

    private Labels(ResourceBundle texts) {
        this.texts = texts;
    }

    /** The texts of the bundle that holds {@code type}. */
    public static Labels of(Class<?> type) {
        return new Labels(Platform.getResourceBundle(FrameworkUtil.getBundle(type)));
    }

    /** This bundle's text for {@code key} with {@code {0}, {1}...} replaced by {@code args}. */
    public static String get(String key, Object... args) {
        return OWN.text(key, args);
    }

    /** The text for {@code key} with {@code {0}, {1}...} replaced by {@code args} ({@code !key!} when there is none). */
    public String text(String key, Object... args) {
        String text;
        try {
            text = texts.getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
        return args.length == 0 ? text : NLS.bind(text, args);
    }
}
