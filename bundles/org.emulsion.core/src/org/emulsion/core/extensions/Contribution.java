package org.emulsion.core.extensions;

import java.util.Objects;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;

/**
 * One accepted contribution to an extension point: its declared id, label and contributing
 * bundle, read from {@code plugin.xml} without loading code. The implementation object is
 * created on first use of {@link #instance()} and then shared.
 *
 * @param <T> the interface contributions to this point implement
 */
public class Contribution<T> {
    private final IConfigurationElement element;
    private final Class<T> type;
    private final String id;
    private volatile T instance;

    protected Contribution(IConfigurationElement element, Class<T> type) {
        this.element = element;
        this.type = type;
        this.id = element.getAttribute("id");
    }

    public String id() { return id; }

    /** Human-readable label (translated through the contributor's plugin.properties). */
    public String name() { return Objects.requireNonNullElse(element.getAttribute("name"), id); }

    public String description() { return Objects.requireNonNullElse(element.getAttribute("description"), ""); }

    /** Symbolic name of the contributing bundle. */
    public String bundle() { return element.getContributor().getName(); }

    public String className() { return element.getAttribute("class"); }

    /** A declared attribute, or {@code fallback} when the contribution leaves it out. */
    public String attribute(String name, String fallback) {
        return Objects.requireNonNullElse(element.getAttribute(name), fallback);
    }

    protected IConfigurationElement element() { return element; }

    /**
     * The implementation object, created on first call.
     *
     * @throws IllegalStateException naming the bundle when the class cannot be instantiated
     *                               (already-validated contributions only fail here for errors
     *                               in their constructor)
     */
    public T instance() {
        T result = instance;
        if (result == null) {
            synchronized (this) {
                result = instance;
                if (result == null) {
                    try {
                        result = type.cast(element.createExecutableExtension("class"));
                    } catch (CoreException | ClassCastException e) {
                        throw new IllegalStateException("Bundle " + bundle() + " contributes '" + id
                                + "' but its class " + className() + " could not be created: " + e.getMessage(), e);
                    }
                    instance = result;
                }
            }
        }
        return result;
    }

    @Override
    public String toString() { return id + " (" + bundle() + ")"; }
}
