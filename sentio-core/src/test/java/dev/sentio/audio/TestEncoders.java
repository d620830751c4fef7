package dev.sentio.audio;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line encoders the tests make compressed input with (lame, oggenc, opusenc, flac; .ci/run installs them). */
public final class TestEncoders {
    private TestEncoders() {
    }

    /** The executable {@code tool} on the PATH, or null. */
    public static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Runs {@code tool} with {@code args}, {@code %in} and {@code %out} standing for {@code wav} and {@code out}.
     *
     * @return {@code out}, or null when the tool is not installed
     * @throws IOException when the tool fails
     */
    public static Path encode(String tool, Path wav, Path out, String... args) throws IOException {
        Path exe = onPath(tool);
        if (exe == null) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        for (String a : args) {
            command.add(a.equals("%in") ? wav.toString() : a.equals("%out") ? out.toString() : a);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(tool + " failed on " + wav);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(tool + " interrupted", e);
        }
        return out;
    }
}
