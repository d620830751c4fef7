package dev.sentio.features;

/**
 * {@code librosa.filters.chroma}: Gaussian bumps around each chroma bin in every octave, columns L2-normalised,
 * weighted by a Gaussian over octaves (centre {@code ctroct} 5, width {@code octwidth} 2), rotated to start at
 * C, float32 like librosa's.
 */
public final class ChromaFilterBank {
    private static final double CTROCT = 5.0;
    private static final double OCTWIDTH = 2.0;

    private final int nChroma;
    /** float32 weights laid out [bin][chroma], so each power value is read once and broadcast. */
    private final float[] byBin;

    public ChromaFilterBank(int sampleRate, int nFft, int nChroma, double tuning) {
        int bins = nFft / 2 + 1;
        double a440 = 440.0 * Math.pow(2.0, tuning / nChroma);
        double[] frqbins = new double[nFft];
        for (int k = 1; k < nFft; k++) {
            double hz = k * (double) sampleRate / nFft;
            frqbins[k] = nChroma * log2(hz / (a440 / 16));
        }
        // the 0 Hz bin is given a value 1.5 octaves below bin 1
        frqbins[0] = frqbins[1] - 1.5 * nChroma;
        double[] binWidth = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            binWidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        binWidth[nFft - 1] = 1.0;
        double half = Math.rint(nChroma / 2.0);
        double[][] wts = new double[nChroma][bins];
        for (int k = 0; k < bins; k++) {
            double norm = 0;
            for (int c = 0; c < nChroma; c++) {
                double d = floorMod(frqbins[k] - c + half + 10 * nChroma, nChroma) - half;
                double g = 2 * d / binWidth[k];
                wts[c][k] = Math.exp(-0.5 * g * g);
                norm += wts[c][k] * wts[c][k];
            }
            norm = Math.sqrt(norm);
            double octave = (frqbins[k] / nChroma - CTROCT) / OCTWIDTH;
            double octaveWeight = Math.exp(-0.5 * octave * octave);
            for (int c = 0; c < nChroma; c++) {
                wts[c][k] = (norm > Double.MIN_NORMAL ? wts[c][k] / norm : wts[c][k]) * octaveWeight;
            }
        }
        int roll = 3 * (nChroma / 12);
        this.nChroma = nChroma;
        byBin = new float[bins * nChroma];
        for (int c = 0; c < nChroma; c++) {
            double[] src = wts[Math.floorMod(c + roll, nChroma)];
            for (int k = 0; k < bins; k++) {
                byBin[k * nChroma + c] = (float) src[k];
            }
        }
    }

    /**
     * {@code librosa.feature.chroma_stft(S=power)}: filterbank times power, each frame divided by its maximum
     * (norm=inf); frames whose maximum is below float32's smallest normal are left as they are.
     */
    public double[][] apply(double[][] power) {
        int frames = power.length;
        int bins = frames == 0 ? 0 : power[0].length;
        // float32 like librosa's einsum, bin-major so that the inner loop runs over frames: a long stride-1
        // loop the JIT vectorises
        float[][] byFrame = new float[bins][frames];
        for (int t = 0; t < frames; t++) {
            double[] p = power[t];
            for (int k = 0; k < bins; k++) {
                byFrame[k][t] = (float) p[k];
            }
        }
        float[][] raw = new float[nChroma][frames];
        for (int c = 0; c < nChroma; c++) {
            float[] acc = raw[c];
            for (int k = 0; k < bins; k++) {
                float w = byBin[k * nChroma + c];
                float[] pk = byFrame[k];
                for (int t = 0; t < frames; t++) {
                    acc[t] += w * pk[t];
                }
            }
        }
        double[][] out = new double[frames][nChroma];
        for (int t = 0; t < frames; t++) {
            double max = 0;
            for (int c = 0; c < nChroma; c++) {
                max = Math.max(max, Math.abs(raw[c][t]));
            }
            double scale = max >= Float.MIN_NORMAL ? max : 1.0;
            for (int c = 0; c < nChroma; c++) {
                out[t][c] = raw[c][t] / scale;
            }
        }
        return out;
    }

    private static double floorMod(double x, double m) {
        double r = x % m;
        return r < 0 ? r + m : r;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
