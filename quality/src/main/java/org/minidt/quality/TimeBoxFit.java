package org.minidt.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.Pair;
import org.minidt.common.Histogram;

/**
 * The drift-time box's edges (docs/quality.md, "Sources", after CMS DTTimeBoxFitter): the rising edge
 * {@code b + 0.5*A*(1 + erf((t - t0)/(sigma*sqrt2)))} gives t0, the falling edge
 * {@code b + 0.5*A*(1 - erf((t - tmax)/(sigma*sqrt2)))} gives tmax, and the drift velocity is
 * 21 mm / (tmax - t0). Each edge is fitted separately over +-60 ns around its seed (half the plateau height),
 * weighted least squares (Levenberg-Marquardt), the model integrated over each bin so that an edge on a bin edge
 * is found exactly; the errors are the fit's parameter standard errors.
 */
final class TimeBoxFit {
    /** Half a cell: the longest drift path. */
    static final double HALF_CELL_MM = 21.0;
    private static final double FIT_HALF_RANGE_NS = 60;
    private static final double SIGMA_SEED_NS = 10;
    /** Edges sharper than this are not resolved by 10 ns bins anyway; the floor keeps the fit away from a zero width. */
    private static final double MIN_SIGMA_NS = 0.5;
    private static final double SQRT2 = Math.sqrt(2);

    /** The two edges with their errors (ns); v_drift in um/ns. */
    record Result(double t0, double t0Error, double tmax, double tmaxError, double riseSigma, double fallSigma, double plateau,
                  double background) {
        double width() {
            return tmax - t0;
        }

        double driftVelocityUmPerNs() {
            return HALF_CELL_MM * 1000 / width();
        }

        double driftVelocityError() {
            return driftVelocityUmPerNs() * Math.hypot(t0Error, tmaxError) / width();
        }
    }

    /** Thrown with a reason a person can read when the histogram has no time box to fit. */
    static final class NoFit extends Exception {
        NoFit(String reason) {
            super(reason);
        }
    }

    private TimeBoxFit() {
    }

    static Result fit(Histogram h) throws NoFit {
        double[] e = h.binEdges();
        long[] n = h.binCounts();
        long[] sorted = n.clone();
        Arrays.sort(sorted);
        double plateau = sorted[(int) (0.8 * (sorted.length - 1))];
        if (plateau < 4) {
            throw new NoFit("no plateau in the time box (its upper bins hold " + (long) plateau + " entries)");
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i + 1 < n.length; i++) {
            if (n[i] >= plateau / 2 && n[i + 1] >= plateau / 2) {
                if (first < 0) {
                    first = i;
                }
                last = i + 1;
            }
        }
        if (first < 0 || last - first < 3) {
            throw new NoFit("no time box: fewer than 4 bins reach half the plateau");
        }
        // Seeds: the outer edges of the first and last bins at half the plateau height.
        double riseSeed = e[first];
        double fallSeed = e[last + 1];
        double background = Math.min(n[0], n[n.length - 1]);
        double[] rise = fitEdge(e, n, riseSeed, plateau, background, +1);
        double[] fall = fitEdge(e, n, fallSeed, plateau, background, -1);
        return new Result(rise[1], rise[4], fall[1], fall[4], sigma(rise[2]), sigma(fall[2]),
                rise[0], rise[3]);
    }

    /** Fits one edge; returns {A, edge, sigma, b, edge error}. direction +1 = rising, -1 = falling. */
    private static double[] fitEdge(double[] e, long[] n, double seed, double plateau, double background, int direction) throws NoFit {
        List<Integer> bins = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (e[i] >= seed - FIT_HALF_RANGE_NS && e[i + 1] <= seed + FIT_HALF_RANGE_NS) {
                bins.add(i);
            }
        }
        if (bins.size() < 5) {
            throw new NoFit("too few bins around the " + (direction > 0 ? "rising" : "falling") + " edge at " + seed + " ns");
        }
        double[] observed = new double[bins.size()];
        double[] weights = new double[bins.size()];
        for (int k = 0; k < bins.size(); k++) {
            observed[k] = n[bins.get(k)];
            weights[k] = 1.0 / Math.max(1, n[bins.get(k)]);
        }
        BiFunction<double[], Integer, Double> model = (p, k) -> binMean(p, e[bins.get(k)], e[bins.get(k) + 1], direction);
        double[] start = {plateau - background, seed, SIGMA_SEED_NS, background};
        // Weighted by the observed counts first, then again by the first fit's expectation: observed weights alone
        // favour bins that fluctuated low and pull the edge towards them.
        LeastSquaresOptimizer.Optimum optimum = leastSquares(model, observed, weights, start, direction);
        for (int k = 0; k < bins.size(); k++) {
            weights[k] = 1.0 / Math.max(1, model.apply(optimum.getPoint().toArray(), k));
        }
        optimum = leastSquares(model, observed, weights, optimum.getPoint().toArray(), direction);
        RealVector p = optimum.getPoint();
        double error = optimum.getSigma(1e-12).getEntry(1);
        if (!Double.isFinite(p.getEntry(1)) || !Double.isFinite(error)) {
            throw new NoFit("the " + (direction > 0 ? "rising" : "falling") + " edge fit gave no finite edge");
        }
        return new double[] {p.getEntry(0), p.getEntry(1), p.getEntry(2), p.getEntry(3), error};
    }

    private static LeastSquaresOptimizer.Optimum leastSquares(BiFunction<double[], Integer, Double> model, double[] observed,
                                                             double[] weights, double[] start, int direction) throws NoFit {
        try {
            return new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-7).withParameterRelativeTolerance(1e-7)
                    .optimize(new LeastSquaresBuilder()
                            .start(start)
                            .model(point -> {
                                double[] p = point.toArray();
                                double[] value = new double[observed.length];
                                double[][] jacobian = new double[observed.length][p.length];
                                for (int k = 0; k < value.length; k++) {
                                    value[k] = model.apply(p, k);
                                    for (int j = 0; j < p.length; j++) {
                                        double step = 1e-4 * Math.max(1, Math.abs(p[j]));
                                        double[] up = p.clone();
                                        double[] down = p.clone();
                                        up[j] += step;
                                        down[j] -= step;
                                        jacobian[k][j] = (model.apply(up, k) - model.apply(down, k)) / (2 * step);
                                    }
                                }
                                return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
                            })
                            .target(observed)
                            .weight(new DiagonalMatrix(weights))
                            .maxEvaluations(10_000)
                            .maxIterations(1_000)
                            .build());
        } catch (MathIllegalStateException ex) {
            throw new NoFit("the " + (direction > 0 ? "rising" : "falling") + " edge fit did not converge (" + ex.getMessage() + ")");
        }
    }

    /** The edge model's mean over the bin [a, c): the integral of erf in closed form over the bin width. */
    static double binMean(double[] p, double a, double c, int direction) {
        double amplitude = p[0];
        double edge = p[1];
        double s = sigma(p[2]) * SQRT2;
        double erfMean = s * (g((c - edge) / s) - g((a - edge) / s)) / (c - a);
        return p[3] + 0.5 * amplitude * (1 + direction * erfMean);
    }

    /** The edge width from its fit parameter: smooth in the parameter, never below the floor. */
    private static double sigma(double parameter) {
        return Math.hypot(parameter, MIN_SIGMA_NS);
    }

    /** Antiderivative of erf: d/du [u erf(u) + exp(-u^2)/sqrt(pi)] = erf(u). */
    private static double g(double u) {
        return u * Erf.erf(u) + Math.exp(-u * u) / Math.sqrt(Math.PI);
    }
}
