package org.emulsion.core.extensions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.Bundle;

/**
 * Reads the contributions to one extension point on first use and caches them. Broken
 * contributions (no id, duplicate id, class missing or of the wrong type) are dropped and
 * reported as {@link ContributionProblem}s naming the contributing bundle, and logged; they never
 * make the registry throw. Classes are checked by loading them, not by instantiating them.
 *
 * @param <T> the interface contributions implement
 * @param <C> the descriptor type handed out
 */
public class ContributionRegistry<T, C extends Contribution<T>> {
    private final String extensionPointId;
    private final String elementName;
    private final Class<T> type;
    private final BiFunction<IConfigurationElement, Class<T>, C> descriptorFactory;
    private volatile Snapshot<C> snapshot;

    private record Snapshot<C>(Map<String, C> byId, List<ContributionProblem> problems) {
    }

    protected ContributionRegistry(String extensionPointId, String elementName, Class<T> type,
            BiFunction<IConfigurationElement, Class<T>, C> descriptorFactory) {
        this.extensionPointId = extensionPointId;
        this.elementName = elementName;
        this.type = type;
        this.descriptorFactory = descriptorFactory;
    }

    public String extensionPointId() { return extensionPointId; }

    /** Accepted contributions, in the order the extension registry lists them. */
    public List<C> all() { return List.copyOf(read().byId().values()); }

    public Optional<C> find(String id) { return Optional.ofNullable(read().byId().get(id)); }

    /**
     * The contribution {@code id}.
     *
     * @throws IllegalArgumentException listing the installed ids when there is none such
     */
    public C get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No " + elementName + " '" + id
                + "' is installed (extension point " + extensionPointId + "); installed: " + read().byId().keySet()));
    }

    /** Contributions that were rejected, with the bundle that made each. */
    public List<ContributionProblem> problems() { return read().problems(); }

    /** Forgets the cache, e.g. after bundles were installed or removed. */
    public void reset() { snapshot = null; }

    private Snapshot<C> read() {
        Snapshot<C> s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = load();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private Snapshot<C> load() {
        Map<String, C> byId = new LinkedHashMap<>();
        List<ContributionProblem> problems = new ArrayList<>();
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        IConfigurationElement[] elements = registry == null ? new IConfigurationElement[0]
                : registry.getConfigurationElementsFor(extensionPointId);
        for (IConfigurationElement element : elements) {
            if (!elementName.equals(element.getName())) {
                continue;
            }
            String bundle = element.getContributor().getName();
            String id = element.getAttribute("id");
            String problem = check(element, id, byId);
            if (problem != null) {
                problems.add(new ContributionProblem(extensionPointId, bundle, id == null ? "" : id, problem));
                continue;
            }
            byId.put(id, descriptorFactory.apply(element, type));
        }
        problems.forEach(p -> ILog.of(ContributionRegistry.class).log(Status.warning(p.toString())));
        return new Snapshot<>(Collections.unmodifiableMap(byId), List.copyOf(problems));
    }

    /** Why {@code element} is rejected, or null when it is fine. */
    private String check(IConfigurationElement element, String id, Map<String, C> accepted) {
        if (id == null || id.isBlank()) {
            return "has no id";
        }
        if (accepted.containsKey(id)) {
            return "duplicate id, already contributed by " + accepted.get(id).bundle();
        }
        String className = element.getAttribute("class");
        if (className == null || className.isBlank()) {
            return "has no class";
        }
        Bundle bundle = Platform.getBundle(element.getContributor().getName());
        if (bundle == null) {
            return "contributing bundle is not installed";
        }
        Class<?> implementation;
        try {
            implementation = bundle.loadClass(className);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return "class " + className + " not found in the bundle";
        }
        if (!type.isAssignableFrom(implementation)) {
            return "class " + className + " does not implement " + type.getName();
        }
        return validate(element);
    }

    /**
     * What else is wrong with a contribution whose id and class are fine, or null; a registry
     * overrides it to check what its schema declares (e.g. that the parts a recipe names fit).
     */
    protected String validate(IConfigurationElement element) {
        return null;
    }
}
