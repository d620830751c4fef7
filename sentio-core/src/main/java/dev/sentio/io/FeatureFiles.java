package dev.sentio.io;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureMatrix;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes feature matrices as CSV (header of column names, one row per frame) or NumPy .npy (float32 [T, D]). */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    public static void writeCsv(FeatureMatrix m, Path target) {
        writeAtomically(target, out -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(String.join(",", m.names()));
            w.write('\n');
            for (float[] row : m.values()) {
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        w.write(',');
                    }
                    w.write(Float.toString(row[c]));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /** NumPy format 1.0, little-endian float32, C order, shape (frames, columns). */
    public static void writeNpy(FeatureMatrix m, Path target) {
        writeAtomically(target, out -> {
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.frames() + ", " + m.columns() + "), }";
            int unpadded = 10 + dict.length() + 1;
            int total = (unpadded + 63) / 64 * 64;
            StringBuilder header = new StringBuilder(dict);
            while (10 + header.length() + 1 < total) {
                header.append(' ');
            }
            header.append('\n');
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length());
            out.write(pre.array());
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(4 * m.columns()).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : m.values()) {
                row.clear();
                for (float v : r) {
                    row.putFloat(v);
                }
                out.write(row.array());
            }
        });
    }

    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    /** What writes a file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes to a temporary file beside {@code target}, then renames it over the target, so that a crash never
     * leaves a half-written file under the real name.
     */
    public static void writeAtomically(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            readableByAll(tmp); // temporary files are created owner-only; the result is an ordinary file
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SentioException(target + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name starts with a dot
                }
            }
        }
    }
}
