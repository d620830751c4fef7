package dev.sentio.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Variable-length utterances as one padded batch, with what a network needs to ignore the padding honestly:
 * {@code FEATURES} [batch, frames, columns] padded with zeros after each utterance; {@code REVERSED} each
 * utterance reversed within its own length (padding still at the end); {@code VALID} [batch, frames, 1], 1 on
 * real frames; {@code LAST_FRAME} [batch, frames, 1], 1 on each utterance's last real frame.
 */
public final class SequenceBatch {
    public static final int FEATURES = 0;
    public static final int REVERSED = 1;
    public static final int VALID = 2;
    public static final int LAST_FRAME = 3;

    private SequenceBatch() {
    }

    public static NDList of(NDManager m, List<float[][]> sequences) {
        int frames = 0;
        for (float[][] s : sequences) {
            frames = Math.max(frames, s.length);
        }
        int columns = sequences.get(0)[0].length;
        int batch = sequences.size();
        float[] x = new float[batch * frames * columns];
        float[] reversed = new float[x.length];
        float[] valid = new float[batch * frames];
        float[] last = new float[batch * frames];
        for (int b = 0; b < batch; b++) {
            float[][] s = sequences.get(b);
            for (int t = 0; t < s.length; t++) {
                System.arraycopy(s[t], 0, x, (b * frames + t) * columns, columns);
                System.arraycopy(s[s.length - 1 - t], 0, reversed, (b * frames + t) * columns, columns);
                valid[b * frames + t] = 1f;
            }
            last[b * frames + s.length - 1] = 1f;
        }
        Shape features = new Shape(batch, frames, columns);
        Shape perFrame = new Shape(batch, frames, 1);
        return new NDList(m.create(x, features), m.create(reversed, features), m.create(valid, perFrame),
                m.create(last, perFrame));
    }

    /** Shapes to initialise a network with. */
    public static Shape[] initialShapes(int columns) {
        return new Shape[] {new Shape(1, 1, columns), new Shape(1, 1, columns), new Shape(1, 1, 1), new Shape(1, 1, 1)};
    }
}
