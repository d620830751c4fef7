package dev.sentio.server;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An uploaded recording, saved to a temporary file of the server's own naming (nothing the client sends is used as a
 * path) while it is recognised: the request's body, or the form field {@code file} of a multipart request. Never
 * more than {@code maxBytes} are read.
 */
final class Upload implements AutoCloseable {
    /**
     * Bodies that cannot be audio: refused before a byte is read. (Not form-urlencoded: that is what
     * {@code curl --data-binary @file} sends by default, and decoding goes by the bytes anyway.)
     */
    private static final List<String> NOT_AUDIO = List.of("text/", "application/json", "application/xml");

    final Path file;
    final long bytes;

    private Upload(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    static Upload receive(Context ctx, long maxBytes) {
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        if (NOT_AUDIO.stream().anyMatch(type::startsWith)) {
            throw new ApiError(415, "the body is " + type + ", not audio: send an audio file (WAV, FLAC, MP3, "
                    + "AIFF, Ogg Vorbis or Opus) as the body or as the form field 'file'");
        }
        long declared = ctx.contentLength();
        if (declared > maxBytes + (type.startsWith("multipart/") ? 64 * 1024 : 0)) {
            throw tooLarge(maxBytes);
        }
        Path file = null;
        try {
            file = Files.createTempFile("sentio-upload", ".audio");
            long n;
            if (type.startsWith("multipart/")) {
                UploadedFile part;
                try {
                    part = ctx.uploadedFile("file");
                } catch (RuntimeException e) { // Jetty's size limits and malformed forms
                    throw String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("max")
                            ? tooLarge(maxBytes) : new ApiError(400, "malformed multipart form (" + e.getMessage() + ")");
                }
                if (part == null) {
                    throw new ApiError(400, "the multipart form has no field 'file' with the recording");
                }
                try (InputStream in = part.content()) {
                    n = copy(in, file, maxBytes);
                }
            } else {
                try (InputStream in = ctx.bodyInputStream()) {
                    n = copy(in, file, maxBytes);
                }
            }
            if (n == 0) {
                throw new ApiError(400, "the body is empty: send an audio file as the body or as the form field 'file'");
            }
            return new Upload(file, n);
        } catch (IOException e) {
            delete(file);
            throw new ApiError(400, "the upload broke off (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static long copy(InputStream in, Path file, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "the upload is larger than this server's limit of " + maxBytes + " bytes");
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is removed with the temporary folder
            }
        }
    }
}
