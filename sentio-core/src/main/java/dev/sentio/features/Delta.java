package dev.sentio.features;

/**
 * {@code librosa.feature.delta(data, width, order, axis=time, mode='interp')}: a Savitzky-Golay derivative
 * of polynomial order {@code order} over {@code width} frames; at the edges the polynomial fitted to the first
 * (last) {@code width} frames is differentiated, as scipy's 'interp' mode does.
 */
public final class Delta {
    private Delta() {
    }

    /** Deltas of a {@code [feature][frame]} matrix (librosa's layout) along frames. */
    public static double[][] delta(double[][] data, int width, int order) {
        if (width < 3 || width % 2 == 0) {
            throw new IllegalArgumentException("delta width must be an odd integer >= 3, got " + width);
        }
        if (order < 1) {
            throw new IllegalArgumentException("delta order must be at least 1, got " + order);
        }
        int frames = data.length == 0 ? 0 : data[0].length;
        if (data.length > 0 && frames < width) {
            throw new IllegalArgumentException("delta needs at least width=" + width + " frames, got " + frames
                    + ": use a smaller width or a longer signal");
        }
        int half = width / 2;
        // weights[p][j]: the order-th derivative at position p (0..width-1) of the LS polynomial through the window
        double[][] weights = new double[width][];
        for (int p = 0; p < width; p++) {
            weights[p] = derivativeWeights(width, order, order, p - half);
        }
        double[][] out = new double[data.length][frames];
        for (int t = 0; t < frames; t++) {
            int windowStart;
            int position;
            if (t < half) {
                windowStart = 0;
                position = t;
            } else if (t >= frames - half) {
                windowStart = frames - width;
                position = t - windowStart;
            } else {
                windowStart = t - half;
                position = half;
            }
            double[] w = weights[position];
            for (int d = 0; d < data.length; d++) {
                double[] row = data[d];
                double acc = 0;
                for (int j = 0; j < width; j++) {
                    acc += w[j] * row[windowStart + j];
                }
                out[d][t] = acc;
            }
        }
        return out;
    }

    /**
     * Weights over a window of {@code width} samples (positions -half..half) that give the {@code deriv}-th
     * derivative, at {@code at}, of the least-squares polynomial of degree {@code polyorder}.
     */
    static double[] derivativeWeights(int width, int polyorder, int deriv, int at) {
        int half = width / 2;
        int m = polyorder + 1;
        // normal equations: (A^T A) c = A^T y, A[j][i] = x_j^i; weights = e^T (A^T A)^-1 A^T
        double[][] ata = new double[m][m];
        for (int j = 0; j < width; j++) {
            double x = j - half;
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    ata[r][c] += Math.pow(x, r + c);
                }
            }
        }
        // derivative of sum c_i x^i at 'at': e_i = i!/(i-deriv)! * at^(i-deriv)
        double[] e = new double[m];
        for (int i = deriv; i < m; i++) {
            double f = 1;
            for (int q = 0; q < deriv; q++) {
                f *= i - q;
            }
            e[i] = f * Math.pow(at, i - deriv);
        }
        double[] z = solve(ata, e); // (A^T A) symmetric, so e^T (A^T A)^-1 = ((A^T A)^-1 e)^T
        double[] w = new double[width];
        for (int j = 0; j < width; j++) {
            double x = j - half;
            double acc = 0;
            for (int i = 0; i < m; i++) {
                acc += z[i] * Math.pow(x, i);
            }
            w[j] = acc;
        }
        return w;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
