package dev.sentio.spark;

import dev.sentio.SentioException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An input as an executor reads it. Sentio's decoders read local files; a file on another file system (HDFS, S3,
 * ...) is first copied to a temporary folder of the executor and removed when done. Errors keep naming the input as
 * the job was given it.
 */
final class InputFile implements AutoCloseable {
    private final String name;
    private final Path local;
    private final Path copyFolder;

    private InputFile(String name, Path local, Path copyFolder) {
        this.name = name;
        this.local = local;
        this.copyFolder = copyFolder;
    }

    /** @param path a local path or a URI that Hadoop's file systems read */
    static InputFile open(String path) {
        URI uri = toUri(path);
        if (uri == null || uri.getScheme() == null) {
            return new InputFile(path, Paths.get(path), null);
        }
        if (uri.getScheme().equals("file")) {
            return new InputFile(path, Paths.get(uri.getPath()), null);
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("sentio-input");
            String fileName = new org.apache.hadoop.fs.Path(uri).getName();
            Path copy = folder.resolve(fileName.isEmpty() ? "input" : fileName);
            FileSystem fs = FileSystem.get(uri, new Configuration());
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return new InputFile(path, copy, folder);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw new SentioException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The file to decode. */
    Path local() {
        return local;
    }

    /** A problem's message naming the input as given, not its temporary copy. */
    String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.replace(local.toString(), name);
    }

    @Override
    public void close() {
        delete(copyFolder);
    }

    private static URI toUri(String path) {
        try {
            return new org.apache.hadoop.fs.Path(path).toUri(); // Spark's paths are not %-escaped ("file:/a b.wav")
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
