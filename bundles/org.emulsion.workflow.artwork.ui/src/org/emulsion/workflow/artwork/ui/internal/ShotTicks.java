package org.emulsion.workflow.artwork.ui.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The artworks the restorer ticked per shot (shots numbered from 1, as the run's detector and the
 * report number them; artworks by file name, kept in name order, the folder's order). A shot with
 * none is left to retrieval.
 */
final class ShotTicks {
    private final Map<Integer, Set<String>> byShot = new TreeMap<>();

    /** Ticks ({@code ticked}) or unticks {@code artwork} for every one of {@code shots}. */
    void set(Collection<Integer> shots, String artwork, boolean ticked) {
        for (int shot : shots) {
            Set<String> artworks = byShot.computeIfAbsent(shot, s -> new TreeSet<>());
            if (ticked) {
                artworks.add(artwork);
            } else {
                artworks.remove(artwork);
            }
            if (artworks.isEmpty()) {
                byShot.remove(shot);
            }
        }
    }

    void clear(Collection<Integer> shots) {
        byShot.keySet().removeAll(shots);
    }

    void clearAll() {
        byShot.clear();
    }

    /** The artworks ticked for {@code shot}, in name order. */
    List<String> of(int shot) {
        return List.copyOf(byShot.getOrDefault(shot, Set.of()));
    }

    /** How many of {@code shots} have {@code artwork} ticked. */
    long count(Collection<Integer> shots, String artwork) {
        return shots.stream().filter(s -> byShot.getOrDefault(s, Set.of()).contains(artwork)).count();
    }

    boolean isEmpty() {
        return byShot.isEmpty();
    }

    /** Shot number to artwork names, as {@code ArtworkAssignment.write} takes them. */
    Map<Integer, List<String>> asMap() {
        Map<Integer, List<String>> map = new TreeMap<>();
        byShot.forEach((shot, artworks) -> map.put(shot, List.copyOf(artworks)));
        return map;
    }
}
