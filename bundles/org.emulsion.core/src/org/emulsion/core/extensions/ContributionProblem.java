package org.emulsion.core.extensions;

/**
 * A contribution that was rejected, with the bundle that made it, so that a plugin developer
 * can find and fix it. Registries collect these instead of throwing.
 *
 * @param extensionPoint full id of the extension point
 * @param bundle         symbolic name of the contributing bundle
 * @param contributionId id of the rejected contribution (may be empty when it had none)
 * @param message        what is wrong
 */
public record ContributionProblem(String extensionPoint, String bundle, String contributionId, String message) {

    @Override
    public String toString() {
        return bundle + ": " + extensionPoint + " contribution '" + contributionId + "': " + message;
    }
}
