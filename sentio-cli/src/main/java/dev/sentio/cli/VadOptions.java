package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;
import dev.sentio.vad.SpeechCheck;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.silero.SileroVad;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which speech detector a command uses: the model-free one, or the Silero VAD network (whose model is fetched). */
final class VadOptions implements AutoCloseable {
    @Option(names = "--vad", defaultValue = "periodicity", paramLabel = "NAME", description = "The speech detector: "
            + "periodicity (model-free, fast) or silero (the Silero VAD network as well: better where background "
            + "sounds surround speech, slower; its model comes from tools/fetch-silero-vad.sh). Default: "
            + "${DEFAULT-VALUE}.")
    String vad;

    @Option(names = "--vad-model", paramLabel = "FILE", description = "The Silero VAD model (default: "
            + "~/.cache/sentio/silero/silero_vad_v5.onnx, where tools/fetch-silero-vad.sh puts it).")
    Path vadModel;

    /** The detector's resources, released when the command ends (null for the model-free one). */
    private SileroVad silero;

    /** The Silero VAD when asked for (loaded once), null for the model-free detector. */
    SileroVad silero() {
        switch (vad) {
            case "periodicity":
                return null;
            case "silero":
                if (silero == null) {
                    silero = SileroVad.load(vadModel != null ? vadModel : SileroVad.defaultModel());
                }
                return silero;
            default:
                throw new SentioException("unknown --vad '" + vad + "': use periodicity or silero");
        }
    }

    /** For continuous audio: the speech regions' detector. */
    SpeechRegions.Factory regions() {
        SileroVad s = silero();
        return s == null ? dev.sentio.vad.SpeechSegmenter.FACTORY : s.factory();
    }

    /** For whole files: {@code recognizer} with the speech check asked for (the model-free one first). */
    Recognizer apply(Recognizer recognizer) {
        SileroVad s = silero();
        return s == null ? recognizer : recognizer.withSpeechCheck(SpeechCheck.PERIODICITY.and(s.speechCheck()));
    }

    @Override
    public void close() {
        if (silero != null) {
            silero.close();
        }
    }
}
