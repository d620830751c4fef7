package dev.sentio.features;

/**
 * {@code librosa.filters.chroma}: Gaussian bumps around each chroma bin in every octave, columns L2-normalised,
 * weighted by a Gaussian over octaves (centre {@code ctroct} 5, width {@code octwidth} 2), rotated to start at
 * C, float32 like librosa's.
 */
public final class ChromaFilterBank {
    private static final double CTROCT = 5.0;
    private static final double OCTWIDTH = 2.0;

    /**
     * Weights below this fraction of their bin's largest are left out: together they move a chroma normalised to
     * its frame's maximum by at most 12 x 1e-8, about float32's resolution (librosa's own precision), and they
     * are about half of the filterbank.
     */
    private static final double NEGLIGIBLE = 1e-8;

    private final int nChroma;
    /** The filterbank's non-negligible entries, chroma by chroma: weight {@code pairWeight[i]} (float32 like
     * librosa's) links bin {@code pairBin[i]} to chroma {@code pairChroma[i]}. */
    private final int[] pairChroma;
    private final int[] pairBin;
    private final float[] pairWeight;

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
        double[] binMax = new double[bins];
        for (int k = 0; k < bins; k++) {
            for (int c = 0; c < nChroma; c++) {
                binMax[k] = Math.max(binMax[k], wts[c][k]);
            }
        }
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int c = 0; c < nChroma; c++) {
            double[] src = wts[Math.floorMod(c + roll, nChroma)];
            for (int k = 0; k < bins; k++) {
                if (src[k] > NEGLIGIBLE * binMax[k]) {
                    pairs.add(new int[] {c, k});
                }
            }
        }
        pairChroma = new int[pairs.size()];
        pairBin = new int[pairs.size()];
        pairWeight = new float[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            int c = pairs.get(i)[0];
            int k = pairs.get(i)[1];
            pairChroma[i] = c;
            pairBin[i] = k;
            pairWeight[i] = (float) wts[Math.floorMod(c + roll, nChroma)][k];
        }
    }

    /**
     * {@code librosa.feature.chroma_stft(S=power)} from {@code S[bin][frame]}: filterbank times power, each
     * frame divided by its maximum (norm=inf); frames whose maximum is below float32's smallest normal are left
     * as they are. Returns {@code [chroma][frame]}, librosa's layout.
     */
    public double[][] apply(double[][] powerByBin) {
        int frames = powerByBin[0].length;
        double[][] raw = new double[nChroma][frames];
        int i = 0;
        while (i < pairWeight.length) {
            if (i + 1 < pairWeight.length && pairChroma[i + 1] == pairChroma[i]) {
                Spectral.addScaled(raw[pairChroma[i]], pairWeight[i], powerByBin[pairBin[i]],
                        pairWeight[i + 1], powerByBin[pairBin[i + 1]]);
                i += 2;
            } else {
                Spectral.addScaled(raw[pairChroma[i]], pairWeight[i], powerByBin[pairBin[i]]);
                i++;
            }
        }
        double[] scale = Spectral.maxAbsPerFrame(raw);
        for (int t = 0; t < frames; t++) {
            scale[t] = scale[t] >= Float.MIN_NORMAL ? scale[t] : 1.0;
        }
        for (double[] row : raw) {
            for (int t = 0; t < frames; t++) {
                row[t] /= scale[t];
            }
        }
        return raw;
    }

    private static double floorMod(double x, double m) {
        double r = x % m;
        return r < 0 ? r + m : r;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
