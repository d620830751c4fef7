package dev.sentio.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes WAV, AIFF/AIFF-C, FLAC, MP3 and Ogg (Vorbis, Opus) files to mono float samples at their native rate, recognising the
 * format from the bytes, never the file name. Decoding streams: the file is never held whole as bytes.
 */
public final class AudioLoader {
    private static final int BUFFER_BYTES = 1 << 16;

    private AudioLoader() {
    }

    /** The file's audio, mixed down to mono (mean of channels, as librosa does), at its native rate. */
    public static Audio load(Path file) {
        return loadAtMost(file, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #load(Path)}, but audio longer than {@code maxSeconds} is refused with {@link AudioTooLongException}
     * as soon as the decoder gets there (a service's limit on what clients send).
     */
    public static Audio loadAtMost(Path file, double maxSeconds) {
        try (AudioStream stream = AudioStream.open(file)) {
            return readAll(file, stream, maxSeconds);
        }
    }

    /** As {@link #loadAtMost}, from a file's bytes in memory ({@code file} names them in errors). */
    static Audio loadAtMost(Path file, byte[] bytes, double maxSeconds) {
        try (AudioStream stream = AudioStream.open(file, bytes)) {
            return readAll(file, stream, maxSeconds);
        }
    }

    private static Audio readAll(Path file, AudioStream stream, double maxSeconds) {
        double bySeconds = Math.ceil(maxSeconds * stream.sampleRate());
        return new Audio(readAll(file, stream, bySeconds, maxSeconds), stream.sampleRate());
    }

    /** The file's audio resampled to {@code targetRate} with {@link Resampler#resamplePoly}. */
    public static Audio load(Path file, int targetRate) {
        Audio audio = load(file);
        return audio.sampleRate() == targetRate ? audio : Resampler.resample(audio, targetRate);
    }

    private static final java.util.Set<String> AUDIO_EXTENSIONS =
            java.util.Set.of("wav", "wave", "flac", "mp3", "aif", "aiff", "aifc", "ogg", "oga", "opus");

    /**
     * Whether a file's name looks like audio. Only for picking files out of folders: decoding itself goes by
     * the bytes.
     */
    public static boolean hasAudioExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** The container format of {@code file}, from its first bytes. */
    public static ContainerFormat formatOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sniff(file, in);
        } catch (IOException e) {
            throw new AudioException(file, "cannot read (" + FlacSource.describe(e) + ")", e);
        }
    }

    private static ContainerFormat sniff(Path file, InputStream in) throws IOException {
        byte[] head = in.readNBytes(ContainerFormat.SNIFF_LENGTH);
        if (head.length == 0) {
            throw new AudioException(file, "empty file (0 bytes)");
        }
        ContainerFormat format = ContainerFormat.sniff(head, head.length);
        if (format == null) {
            throw new AudioException(file, "not a recognised audio file (no WAV, AIFF, FLAC, MP3 or Ogg signature)");
        }
        return format;
    }

    static PcmSource open(Path file) throws IOException {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new AudioException(file, "is a folder, not an audio file");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new AudioException(file, "no such file");
        }
        return open(file, formatOf(file), new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES), size);
    }

    /** A file's bytes already in memory ({@code file} only names it in errors): the fuzzers' way in. */
    static PcmSource open(Path file, byte[] bytes) throws IOException {
        ContainerFormat format = sniff(file, new java.io.ByteArrayInputStream(bytes));
        return open(file, format, new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    private static PcmSource open(Path file, ContainerFormat format, InputStream in, long size) throws IOException {
        try {
            switch (format) {
                case WAV:
                    return WavReader.open(file, in, size);
                case AIFF:
                    return AiffReader.open(file, in, size);
                case FLAC:
                    return new FlacSource(file, in);
                case OGG:
                    return new OggSource(file, in);
                default:
                    return Mp3Source.open(file, in);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static float[] readAll(Path file, AudioStream source, double bySeconds, double maxSeconds) {
        long limit = Math.min(maxSamples(), (long) Math.min(bySeconds, Long.MAX_VALUE));
        long declared = source.declaredFrames();
        if (declared > limit) {
            throw tooLong(file, declared, source.sampleRate(), limit, maxSeconds);
        }
        // the declared length is a hint, not a promise: a few bytes may claim an hour, so start at most at 2^22
        // samples (16 MB) and grow as samples really arrive
        float[] all = new float[declared > 0 ? (int) Math.min(declared, 1 << 22) : 1 << 16];
        float[] block = new float[8192];
        int n = 0;
        int got;
        while ((got = source.read(block)) >= 0) {
            if (n + (long) got > all.length) {
                long grown = Math.max(n + (long) got, Math.min(limit, all.length + (all.length >> 1) + 1L));
                if (grown > limit || n + (long) got > limit) {
                    throw tooLong(file, n + (long) got, source.sampleRate(), limit, maxSeconds);
                }
                all = Arrays.copyOf(all, (int) grown);
            }
            System.arraycopy(block, 0, all, n, got);
            n += got;
        }
        if (n == 0) {
            throw new AudioException(file, "contains no audio samples (zero length)");
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }

    /** Mono samples that fit comfortably in the heap (the array, a grown copy, and the features after it). */
    private static long maxSamples() {
        long byHeap = Runtime.getRuntime().maxMemory() / (4L * 4);
        return Math.min(Integer.MAX_VALUE - 16L, byHeap);
    }

    private static AudioException tooLong(Path file, long samples, int rate, long limit, double maxSeconds) {
        if (limit < maxSamples()) {
            return new AudioTooLongException(file, maxSeconds);
        }
        return new AudioException(file, String.format(java.util.Locale.ROOT,
                "too long to decode in this JVM's memory (%d samples, %.0f s; limit %d samples): raise -Xmx",
                samples, samples / (double) rate, limit));
    }
}
