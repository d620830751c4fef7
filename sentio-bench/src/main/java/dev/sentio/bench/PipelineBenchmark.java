package dev.sentio.bench;

import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.Resampler;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import dev.sentio.features.Prosody;
import dev.sentio.features.Spectrogram;
import dev.sentio.preprocess.NoiseReducer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Each stage on one 2 s utterance at 22.05 kHz (the Python reference's workload; {@link Prosody} at 16 kHz, the
 * bundled models' rate): the EmoDB file 03a01Fa from ../shared when present (its 22.05 kHz original), otherwise a
 * generated voiced signal of the same length.
 * Run: {@code java -jar sentio-bench/target/benchmarks.jar -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
    @Param({"../shared/corpora/originals/03a01Fa.wav"})
    public String file;

    private Path path;
    private Audio audio;
    private Audio audio16k;
    private FeatureExtractor seedRaw;
    private FeatureExtractor seed;
    private FeatureExtractor chroma;
    private FeatureExtractor contrast;
    private FeatureExtractor mfcc;
    private NoiseReducer noiseReducer;

    @Setup
    public void setUp() {
        path = Path.of(file);
        audio = Files.exists(path) ? AudioLoader.load(path) : generated();
        if (audio.sampleRate() != 22050) {
            audio = Resampler.resample(audio, 22050);
        }
        audio16k = Resampler.resample(audio, 16000); // the rate the bundled models' features are computed at
        seedRaw = new FeatureExtractor(FeatureConfig.seedRaw());
        seed = new FeatureExtractor(FeatureConfig.seed());
        chroma = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("chroma"), 0));
        contrast = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("contrast"), 0));
        mfcc = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("mfcc"), 0));
        noiseReducer = new NoiseReducer(22050);
    }

    private static Audio generated() {
        float[] y = new float[44100];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < y.length; i++) {
            double t = i / 22050.0;
            double f0 = 140 + 30 * Math.sin(2 * Math.PI * 3 * t);
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.1 * Math.sin(4 * Math.PI * f0 * t)
                    + 0.01 * r.nextGaussian());
        }
        return new Audio(y, 22050);
    }

    @Benchmark
    public Spectrogram stftFloor() {
        return Spectrogram.compute(audio.samples(), 22050, 2048, 512);
    }

    @Benchmark
    public FeatureMatrix threeSeedFeaturesRaw() {
        return seedRaw.extract(audio);
    }

    @Benchmark
    public FeatureMatrix chromaStft() {
        return chroma.extract(audio);
    }

    @Benchmark
    public FeatureMatrix spectralContrast() {
        return contrast.extract(audio);
    }

    @Benchmark
    public FeatureMatrix mfcc() {
        return mfcc.extract(audio);
    }

    @Benchmark
    public float[] noiseReduction() {
        return noiseReducer.reduce(audio.samples());
    }

    @Benchmark
    public float[] prosody() {
        return Prosody.of(audio16k.samples(), 16000);
    }

    @Benchmark
    public FeatureMatrix wholeSeedPipeline() {
        return seed.extract(audio);
    }

    @Benchmark
    public FeatureMatrix decodeAndWholeSeedPipeline() {
        return seed.extract(Files.exists(path) ? AudioLoader.load(path) : audio);
    }
}
