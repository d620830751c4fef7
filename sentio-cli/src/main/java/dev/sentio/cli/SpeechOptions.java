package dev.sentio.cli;

import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.vad.SpeechSegmenter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How the commands on continuous audio find speech: the detector and when silence ends a segment. */
final class SpeechOptions {
    @Option(names = "--hangover", defaultValue = "0.5", paramLabel = "S", description = "Silence that ends a speech "
            + "segment (seconds): shorter answers sooner and splits speech at shorter pauses. Default: ${DEFAULT-VALUE}.")
    double hangover;

    @Mixin
    VadOptions detector;

    /** {@code settings} with these options applied; call {@link #close()} when the stream is done. */
    StreamingRecognizer.Settings apply(StreamingRecognizer.Settings settings) {
        StreamingRecognizer.Settings s = settings.withSpeech(SpeechSegmenter.Settings.defaults().withHangover(hangover));
        return s.withRegions(detector.regions());
    }

    void close() {
        detector.close();
    }
}
