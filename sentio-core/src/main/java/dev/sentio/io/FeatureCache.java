package dev.sentio.io;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import dev.sentio.preprocess.SpeedPerturbation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Feature matrices cached on disk, keyed by the SHA-256 of the audio file's bytes and of the FeatureConfig's
 * JSON (and of {@link FeatureExtractor#codeVersion}): re-running an experiment reads features back instead of
 * decoding and extracting again, and a changed file, configuration or definition can never be served a stale entry. Entries are written atomically; a damaged entry is
 * recomputed.
 */
public final class FeatureCache {
    private static final int MAGIC = 0x53454E46; // "SENF"
    private final Path folder;
    private final FeatureExtractor extractor;

    /** Entries for this extractor's configuration live in {@code root/<config hash>/}. */
    public FeatureCache(Path root, FeatureExtractor extractor) {
        this.extractor = extractor;
        String configHash = sha256((extractor.config().toJson() + extractor.codeVersion())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        this.folder = root.resolve(configHash);
    }

    /** The features of {@code audioFile}, from the cache or freshly extracted (and then cached). */
    public FeatureMatrix features(Path audioFile) {
        return features(audioFile, 1.0);
    }

    /** The same for the file played {@code speed} times as fast (speed perturbation), cached under its own key. */
    public FeatureMatrix features(Path audioFile, double speed) {
        int percent = SpeedPerturbation.percent(speed);
        return features(audioFile, percent == 100 ? null : "speed" + percent, a -> SpeedPerturbation.apply(a, speed));
    }

    /**
     * The features of the file after {@code change} (noise mixed in, a speed), cached under {@code variant}: a name
     * that must differ for every different change (null: the file as it is).
     */
    public FeatureMatrix features(Path audioFile, String variant, java.util.function.UnaryOperator<dev.sentio.audio.Audio> change) {
        String key;
        try (InputStream in = Files.newInputStream(audioFile)) {
            key = sha256(in);
        } catch (IOException e) {
            throw new SentioException(audioFile + ": cannot read (" + e.getMessage() + ")");
        }
        String name = variant == null ? key + ".bin" : key + "-" + variant.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin";
        Path entry = folder.resolve(key.substring(0, 2)).resolve(name);
        if (Files.isRegularFile(entry)) {
            FeatureMatrix cached = read(entry);
            if (cached != null) {
                return cached;
            }
        }
        FeatureMatrix m = extractor.extract(audioFile, change);
        write(entry, m);
        return m;
    }

    public Path folder() {
        return folder;
    }

    private static void write(Path entry, FeatureMatrix m) {
        FeatureFiles.writeAtomically(entry, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(m.sampleRate());
            d.writeInt(m.hopLength());
            d.writeInt(m.columns());
            for (String name : m.names()) {
                d.writeUTF(name);
            }
            d.writeInt(m.frames());
            for (float[] row : m.values()) {
                for (float v : row) {
                    d.writeFloat(v);
                }
            }
            d.flush();
        });
    }

    /** The cached matrix, or null when the entry is damaged (it is then recomputed and overwritten). */
    private static FeatureMatrix read(Path entry) {
        try (DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(entry)))) {
            if (d.readInt() != MAGIC) {
                return null;
            }
            int rate = d.readInt();
            int hop = d.readInt();
            int columns = d.readInt();
            if (columns < 1 || columns > 100_000) {
                return null;
            }
            List<String> names = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                names.add(d.readUTF());
            }
            int frames = d.readInt();
            if (frames < 0 || (long) frames * columns * 4 > Files.size(entry)) {
                return null;
            }
            float[][] values = new float[frames][columns];
            for (float[] row : values) {
                for (int c = 0; c < columns; c++) {
                    row[c] = d.readFloat();
                }
            }
            return new FeatureMatrix(names, values, rate, hop);
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        MessageDigest md = digest();
        return HexFormat.of().formatHex(md.digest(bytes));
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
