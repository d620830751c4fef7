package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Background noise added to speech at a chosen signal-to-noise ratio, for robustness tests and noise-augmented
 * training. The noise is white or pink (generated) or real recordings (looped to cover the utterance, from an
 * offset drawn per utterance). The SNR is the ratio of the speech's power to the noise's, over the utterance.
 * Everything random is seeded by the utterance's index and the SNR, so a run is repeatable and a test utterance
 * always hears the same noise.
 */
public final class NoiseMixer {
    private final String kind;
    private final List<Path> files;
    private final java.util.Map<Integer, List<float[]>> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    private NoiseMixer(String kind, List<Path> files) {
        this.kind = kind;
        this.files = List.copyOf(files);
    }

    /**
     * {@code white}, {@code pink}, or noise recordings: files, or folders; {@code FOLDER:odd} or {@code FOLDER:even}
     * takes the folder's files whose number (the digits in the name) is odd or even, so that training and testing
     * never share a sound.
     */
    public static NoiseMixer of(List<String> spec) {
        if (spec.size() == 1 && (spec.get(0).equals("white") || spec.get(0).equals("pink"))) {
            return new NoiseMixer(spec.get(0), List.of());
        }
        List<Path> files = new ArrayList<>();
        for (String s : spec) {
            String parity = s.endsWith(":odd") ? "odd" : s.endsWith(":even") ? "even" : null;
            Path p = Path.of(parity == null ? s : s.substring(0, s.lastIndexOf(':')));
            if (java.nio.file.Files.isDirectory(p)) {
                try (var list = java.nio.file.Files.list(p)) {
                    list.filter(AudioLoader::hasAudioExtension).filter(f -> parity == null || parity.equals(parity(f)))
                            .sorted().forEach(files::add);
                } catch (java.io.IOException e) {
                    throw new SentioException(p + ": cannot list (" + e.getMessage() + ")");
                }
            } else if (java.nio.file.Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new SentioException("noise '" + s + "': use white, pink, or noise audio files or folders");
            }
        }
        if (files.isEmpty()) {
            throw new SentioException("no noise audio files in " + spec);
        }
        return new NoiseMixer("files", files);
    }

    private static String parity(Path f) {
        String digits = f.getFileName().toString().replaceAll("\\D", "");
        return digits.isEmpty() ? "none" : Integer.parseInt(digits.substring(Math.max(0, digits.length() - 9))) % 2 == 1
                ? "odd" : "even";
    }

    /** A name for reports and cache keys: the kind, or the noise files' names. */
    public String describe() {
        if (!kind.equals("files")) {
            return kind + " noise";
        }
        return files.size() + " noise recording(s): " + String.join(" ", files.stream()
                .map(f -> f.getFileName().toString()).toList());
    }

    /** A short key that changes whenever the noise does. */
    public String key() {
        return Integer.toHexString(describe().hashCode());
    }

    /** {@code speech} with noise at {@code snrDb}; {@code index} picks the recording and offset. */
    public Audio mix(Audio speech, double snrDb, long index) {
        Random r = new Random(index * 1_000_003L + Math.round(snrDb * 100));
        float[] y = speech.samples();
        return new Audio(atSnr(y, noise(y.length, speech.sampleRate(), r), snrDb), speech.sampleRate());
    }

    /**
     * {@code speech} plus {@code noise} (looped when shorter) scaled so that the speech's power over the utterance
     * is {@code snrDb} above the noise's.
     */
    public static float[] atSnr(float[] speech, float[] noise, double snrDb) {
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < speech.length; i++) {
            float v = noise[i % noise.length];
            ps += (double) speech[i] * speech[i];
            pn += (double) v * v;
        }
        double g = pn > 0 ? Math.sqrt(ps / pn / Math.pow(10, snrDb / 10)) : 0;
        float[] out = new float[speech.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (speech[i] + g * noise[i % noise.length]);
        }
        return out;
    }

    /** Gaussian white noise, unit variance. */
    public static float[] white(int n, Random r) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }

    /** Pink noise: Paul Kellet's economical filter of Gaussian white noise. */
    public static float[] pink(int n, Random r) {
        float[] out = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            out[i] = (float) (b0 + b1 + b2 + w * 0.1848);
        }
        return out;
    }

    private float[] noise(int n, int sampleRate, Random r) {
        float[] out = new float[n];
        switch (kind) {
            case "white":
                return white(n, r);
            case "pink":
                return pink(n, r);
            default:
                List<float[]> all = loaded.computeIfAbsent(sampleRate, rate -> files.stream()
                        .map(f -> AudioLoader.load(f, rate).samples()).toList());
                float[] source = all.get(r.nextInt(all.size()));
                if (source.length == 0) {
                    return out;
                }
                int offset = r.nextInt(source.length);
                for (int i = 0; i < n; i++) {
                    out[i] = source[(offset + i) % source.length];
                }
                return out;
        }
    }

    /** A name for one SNR, as reports and cache entries use it. */
    public static String snrName(double snrDb) {
        return String.format(Locale.ROOT, "%.0f dB", snrDb);
    }
}
