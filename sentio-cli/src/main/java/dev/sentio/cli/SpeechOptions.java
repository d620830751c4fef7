package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.vad.SpeechSegmenter;
import dev.sentio.vad.silero.SileroVad;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How the commands on continuous audio find speech: the detector and when silence ends a segment. */
final class SpeechOptions {
    @Option(names = "--hangover", defaultValue = "0.5", paramLabel = "S", description = "Silence that ends a speech "
            + "segment (seconds): shorter answers sooner and splits speech at shorter pauses. Default: ${DEFAULT-VALUE}.")
    double hangover;

    @Option(names = "--vad", defaultValue = "periodicity", paramLabel = "NAME", description = "The speech detector: "
            + "periodicity (model-free, fast) or silero (the Silero VAD network: better where background sounds "
            + "surround speech, slower; its model comes from tools/fetch-silero-vad.sh). Default: ${DEFAULT-VALUE}.")
    String vad;

    @Option(names = "--vad-model", paramLabel = "FILE", description = "The Silero VAD model (default: "
            + "~/.cache/sentio/silero/silero_vad_v5.onnx, where tools/fetch-silero-vad.sh puts it).")
    Path vadModel;

    /** The detector's resources, released when the command ends (null for the model-free one). */
    private SileroVad silero;

    /** {@code settings} with these options applied; call {@link #close()} when the stream is done. */
    StreamingRecognizer.Settings apply(StreamingRecognizer.Settings settings) {
        StreamingRecognizer.Settings s = settings.withSpeech(SpeechSegmenter.Settings.defaults().withHangover(hangover));
        switch (vad) {
            case "periodicity":
                return s;
            case "silero":
                silero = SileroVad.load(vadModel != null ? vadModel : SileroVad.defaultModel());
                return s.withRegions(silero.factory());
            default:
                throw new SentioException("unknown --vad '" + vad + "': use periodicity or silero");
        }
    }

    void close() {
        if (silero != null) {
            silero.close();
        }
    }
}
