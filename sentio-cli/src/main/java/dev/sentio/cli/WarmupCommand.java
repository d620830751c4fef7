package dev.sentio.cli;

import dev.sentio.model.Recognizer;
import picocli.CommandLine.Command;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sentio warmup} (hidden): recognises a synthetic vowel from a temporary WAV file, so that the launcher can
 * record the classes a prediction loads into a class-data-sharing archive, which shortens every later start.
 */
@Command(name = "warmup", hidden = true, description = "Exercise decoding, features and the bundled model once.")
final class WarmupCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        int rate = 16000;
        byte[] pcm = new byte[rate * 2];
        for (int i = 0; i < rate; i++) {
            double t = i / (double) rate;
            double pitch = 140 * (1 + 0.03 * Math.sin(2 * Math.PI * 5 * t));
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                v += Math.sin(2 * Math.PI * pitch * h * t) / h;
            }
            short s = (short) Math.round(v * 8000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        try {
            Path wav = Files.createTempFile("sentio-warmup", ".wav");
            try {
                AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
                AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, rate),
                        AudioFileFormat.Type.WAVE, wav.toFile());
                try (Recognizer r = Recognizer.bundled()) {
                    r.recognize(wav);
                }
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
