package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.audio.AudioLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Inputs as users give them: files as given, folders searched recursively for audio files. */
public final class AudioInputs {
    /** One input file and the name its outputs take (subfolders of a folder input are kept). */
    public record Input(Path file, String outputStem) {
    }

    private AudioInputs() {
    }

    public static List<Input> expand(List<Path> inputs) {
        List<Input> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(AudioLoader::hasAudioExtension).sorted()
                            .forEach(f -> out.add(new Input(f, stem(p.relativize(f).toString()))));
                } catch (IOException e) {
                    throw new SentioException(p + ": cannot list folder (" + e.getMessage() + ")");
                }
            } else {
                out.add(new Input(p, stem(p.getFileName().toString())));
            }
        }
        if (out.isEmpty()) {
            throw new SentioException("no audio files found in " + inputs);
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }
}
