package dev.tcpflight.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * Runs variants alternately, round after round, starting each round with the next variant, so that slow drifts
 * of a shared machine fall on every variant alike; keeps every round's figures of every variant.
 */
final class Rounds {

    interface Measurement {
        /** Runs one variant once; {@code first} is true in the first round only. */
        Map<String, Double> run(Variant variant, boolean first) throws Exception;
    }

    private final Map<Variant, List<Map<String, Double>>> results = new EnumMap<>(Variant.class);

    static Rounds run(String name, int rounds, List<Variant> variants, Launcher launcher, Measurement measurement)
            throws Exception {
        Rounds done = new Rounds();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((round + i) % variants.size());
                Map<String, Double> figures = measurement.run(variant, round == 0);
                launcher.log("%s, round %d/%d, %s: %s", name, round + 1, rounds, variant.label, figures);
                done.results.computeIfAbsent(variant, v -> new ArrayList<>()).add(figures);
            }
        }
        return done;
    }

    /** One figure of a variant, round by round. */
    double[] values(Variant variant, String figure) {
        return results.get(variant).stream().mapToDouble(round -> round.get(figure)).toArray();
    }

    /** The figure of {@code measured} over that of {@code baseline}, round by round. */
    double[] ratios(String figure, Variant measured, Variant baseline) {
        return pairwise(figure, measured, baseline, (a, b) -> a / b);
    }

    /** The figure of {@code measured} minus that of {@code baseline}, round by round. */
    double[] differences(String figure, Variant measured, Variant baseline) {
        return pairwise(figure, measured, baseline, (a, b) -> a - b);
    }

    private double[] pairwise(String figure, Variant measured, Variant baseline, DoubleBinaryOperator operator) {
        double[] result = values(measured, figure);
        double[] base = values(baseline, figure);
        for (int i = 0; i < result.length; i++) {
            result[i] = operator.applyAsDouble(result[i], base[i]);
        }
        return result;
    }
}
