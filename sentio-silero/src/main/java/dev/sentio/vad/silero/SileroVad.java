package dev.sentio.vad.silero;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sentio.SentioException;
import dev.sentio.vad.SpeechCheck;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.SpeechSegmenter;
import dev.sentio.vad.VoiceActivity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Silero voice activity detector (v5, MIT licence), run with ONNX Runtime: a speech probability for every
 * 32 ms of 16 kHz audio. Stronger than the model-free {@link SpeechSegmenter} where background sounds surround the
 * speech, and slower (BENCHMARKS.md). The model file is not part of Sentio: {@code tools/fetch-silero-vad.sh} puts
 * it at {@link #defaultModel()}. One instance can serve many streams at once.
 */
public final class SileroVad implements AutoCloseable {
    /** Samples per chunk at 16 kHz, and the samples of the previous chunk the model also sees. */
    static final int CHUNK = 512;
    static final int CONTEXT = 64;
    static final int RATE = 16000;
    private static final int STATE = 128;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final OnnxTensor rate;

    private SileroVad(OrtSession session) throws OrtException {
        this.session = session;
        this.rate = OnnxTensor.createTensor(env, (long) RATE);
    }

    /**
     * Where the model is looked for: the system property {@code sentio.silero}, the environment variable
     * {@code SENTIO_SILERO_MODEL}, or {@code ~/.cache/sentio/silero/silero_vad_v5.onnx}.
     */
    public static Path defaultModel() {
        String p = System.getProperty("sentio.silero", System.getenv("SENTIO_SILERO_MODEL"));
        return p != null ? Path.of(p)
                : Path.of(System.getProperty("user.home"), ".cache", "sentio", "silero", "silero_vad_v5.onnx");
    }

    public static SileroVad load(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new SentioException(model + ": no Silero VAD model there (tools/fetch-silero-vad.sh fetches it)");
        }
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // one chunk is a few thousand multiply-adds: threads would cost more than they save
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new SileroVad(OrtEnvironment.getEnvironment().createSession(model.toString(), options));
        } catch (OrtException | RuntimeException e) {
            throw new SentioException(model + ": not a Silero VAD model ONNX Runtime can load (" + e.getMessage() + ")");
        }
    }

    /** A detector per stream, for {@code StreamingRecognizer.Settings.withRegions}. */
    public SpeechRegions.Factory factory() {
        return (sampleRate, settings, listener) -> new SileroSegmenter(this, sampleRate, settings, listener);
    }

    /**
     * Least speech the Silero VAD must find in a whole recording before it gets an emotion (seconds): the shortest
     * that let none of the odd-numbered files of the real noise set through together with the model-free check,
     * while the corpora's utterances still pass (BENCHMARKS.md).
     */
    public static final double MIN_SPEECH_SECONDS = 0.5;

    /**
     * A whole-recording check: speech when the Silero VAD finds more than {@link #MIN_SPEECH_SECONDS} of it. Meant
     * after the model-free one ({@code SpeechCheck.PERIODICITY.and(silero.speechCheck())}), which turns away
     * tones and silence at almost no cost.
     */
    public SpeechCheck speechCheck() {
        return (samples, sampleRate) -> {
            double seconds = SpeechRegions.find(factory(), sampleRate, SpeechSegmenter.Settings.defaults(), samples,
                    4096).stream().mapToLong(r -> r[1] - r[0]).sum() / (double) sampleRate;
            return seconds > MIN_SPEECH_SECONDS
                    ? new VoiceActivity.Verdict(true, null, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : new VoiceActivity.Verdict(false, String.format(java.util.Locale.ROOT, "no voice found by the "
                    + "Silero VAD: %.2f s of speech (speech has more than %.1f s)", seconds, MIN_SPEECH_SECONDS), seconds, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        };
    }

    /** The recurrent state between chunks of one stream. */
    static float[][][] initialState() {
        return new float[2][1][STATE];
    }

    /**
     * The speech probability of {@code chunk} ({@link #CONTEXT} + {@link #CHUNK} samples); {@code state} is
     * replaced with the next one.
     */
    float probability(float[] chunk, float[][][][] state) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {chunk});
             OnnxTensor s = OnnxTensor.createTensor(env, state[0]);
             OrtSession.Result r = session.run(Map.of("input", x, "state", s, "sr", rate))) {
            state[0] = (float[][][]) r.get(1).getValue();
            return ((float[][]) r.get(0).getValue())[0][0];
        } catch (OrtException e) {
            throw new SentioException("the Silero VAD failed (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            rate.close();
            session.close();
        } catch (OrtException e) {
            throw new SentioException("cannot close the Silero VAD (" + e.getMessage() + ")");
        }
    }
}
