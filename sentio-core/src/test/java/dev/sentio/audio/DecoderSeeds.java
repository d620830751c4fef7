package dev.sentio.audio;

import dev.sentio.vad.TestSignals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the fuzzers start: for each decoder, small files made from a generated voice-like sound (WAV and AIFF
 * written here, the compressed formats by their encoders). {@code tools/fuzz.sh} writes them with {@link #main};
 * {@link DecoderFuzzTest} checks that every one decodes.
 */
public final class DecoderSeeds {
    /** The decoders, by the names tools/fuzz.sh takes. */
    public static final List<String> DECODERS = List.of("wav", "aiff", "flac", "mp3", "vorbis", "opus");

    private DecoderSeeds() {
    }

    /**
     * Writes {@code decoder}'s seeds into {@code dir}.
     *
     * @return the seeds; none where the encoder is not installed
     */
    public static List<Path> write(String decoder, Path dir) throws IOException {
        Files.createDirectories(dir);
        int rate = 8000;
        // a tenth of a second: short inputs let the fuzzer run many times a second
        float[] y = TestSignals.voiceLike(rate / 10, rate, 200, 0.3);
        List<Path> seeds = new ArrayList<>();
        switch (decoder) {
            case "wav" -> {
                seeds.add(TestAudioFiles.write(dir, "pcm16.wav", TestAudioFiles.wav(TestAudioFiles.PCM, rate, 16, y)));
                seeds.add(TestAudioFiles.write(dir, "float32.wav", TestAudioFiles.wav(3, rate, 32, y)));
                seeds.add(TestAudioFiles.write(dir, "mulaw.wav", TestAudioFiles.wav(7, rate, 8, y)));
            }
            case "aiff" -> {
                seeds.add(TestAudioFiles.write(dir, "pcm16.aiff", TestAudioFiles.aiff(null, rate, 16, y)));
                seeds.add(TestAudioFiles.write(dir, "sowt.aifc", TestAudioFiles.aiff("sowt", rate, 16, y)));
            }
            default -> {
                Path source = dir.resolve("source.wav");
                boolean opus = decoder.equals("opus");
                int sourceRate = opus ? 48000 : rate; // opusenc is fed 48 kHz, the rate Opus decodes at
                WavWriter.write(source, TestSignals.voiceLike(sourceRate / 10, sourceRate, 200, 0.3), sourceRate);
                Path out = switch (decoder) {
                    case "flac" -> TestEncoders.encode("flac", source, dir.resolve("seed.flac"), "-s", "-f", "--best",
                            "--no-padding", "-b", "256", "-o", "%out", "%in");
                    case "mp3" -> TestEncoders.encode("lame", source, dir.resolve("seed.mp3"), "--quiet", "-b", "32",
                            "%in", "%out");
                    case "vorbis" -> TestEncoders.encode("oggenc", source, dir.resolve("seed.ogg"), "-Q", "-q", "0",
                            "-o", "%out", "%in");
                    case "opus" -> TestEncoders.encode("opusenc", source, dir.resolve("seed.opus"), "--quiet",
                            "--bitrate", "16", "%in", "%out");
                    default -> throw new IllegalArgumentException("no decoder " + decoder + ": " + DECODERS);
                };
                Files.delete(source);
                if (out != null) {
                    seeds.add(out);
                }
            }
        }
        return seeds;
    }

    /** Writes every decoder's seeds into {@code args[0]}/&lt;decoder&gt;/. */
    public static void main(String[] args) throws IOException {
        for (String decoder : DECODERS) {
            if (write(decoder, Path.of(args[0], decoder)).isEmpty()) {
                System.err.println("no seeds for " + decoder + ": its encoder is not installed");
            }
        }
    }
}
