package dev.sentio.features;

/**
 * {@code librosa.feature.mfcc}: the orthonormal DCT-II ({@code scipy.fftpack.dct(type=2, norm='ortho')})
 * of the dB mel spectrogram, first {@code n_mfcc} coefficients, no liftering.
 */
public final class Mfcc {
    private final double[][] dct;

    public Mfcc(int nMfcc, int nMels) {
        if (nMfcc < 1 || nMfcc > nMels) {
            throw new IllegalArgumentException("n_mfcc must be in 1.." + nMels + ", got " + nMfcc);
        }
        dct = new double[nMfcc][nMels];
        for (int k = 0; k < nMfcc; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / nMels);
            for (int n = 0; n < nMels; n++) {
                dct[k][n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * nMels));
            }
        }
    }

    /** {@code [coefficient][frame]} from a dB mel spectrogram {@code [mel][frame]}, both laid out as librosa's. */
    public double[][] apply(double[][] melDbByBand) {
        int frames = melDbByBand[0].length;
        double[][] byCoefficient = new double[dct.length][frames];
        for (int k = 0; k < dct.length; k++) {
            Spectral.addWeightedRows(byCoefficient[k], dct[k], melDbByBand, 0, melDbByBand.length);
        }
        return byCoefficient;
    }
}
