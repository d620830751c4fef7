package dev.sentio.model.train;

import ai.djl.nn.Block;
import dev.sentio.SentioException;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.PlainWeights;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where a training run stands after an epoch: the weights now and at the best validation UAR, the optimizer's
 * running state, the learning rate, the early-stopping counters and the history. Written atomically after every
 * epoch, so a killed run loses at most the epoch it was in. {@code run} names the network, data, settings and
 * build; a checkpoint from another run or another build of the code is never resumed.
 */
record TrainingCheckpoint(String run, List<SequenceClassifier.EpochLog> history,
                          Map<String, PlainWeights.Tensor> parameters, Map<String, PlainWeights.Tensor> bestParameters,
                          double bestUar, int sinceBest, int sinceLrChange, float learningRate,
                          Map<String, PlainWeights.Tensor> optimizerState, boolean finished) {
    private static final String MAGIC = "sentio-training-checkpoint";
    private static final int FORMAT = 2; // 2: weights and optimizer state as PlainWeights

    /**
     * What makes two runs the same run: network and its parameter shapes, classes, a digest of the data, settings,
     * and the build of the training code.
     */
    static String describe(Block block, int classes, int columns, SequenceClassifier.Data train,
                           SequenceClassifier.Data validation, SequenceClassifier.Settings s) {
        StringBuilder shapes = new StringBuilder();
        block.getParameters().forEach(p -> shapes.append(p.getKey()).append(p.getValue().getArray().getShape()).append(';'));
        return block.getClass().getName() + " " + shapes + " classes=" + classes + " columns=" + columns + " train="
                + digest(train) + " validation=" + digest(validation) + " " + s + " build=" + Build.STAMP;
    }

    private static String digest(SequenceClassifier.Data d) {
        long h = Arrays.hashCode(d.labels());
        for (float[][] seq : d.sequences()) {
            h = h * 31 + seq.length;
            for (float[] frame : seq) {
                h = h * 31 + Arrays.hashCode(frame);
            }
        }
        return d.labels().length + "/" + Long.toHexString(h);
    }

    void save(Path file) {
        FeatureFiles.writeAtomically(file, o -> {
            DataOutputStream out = new DataOutputStream(o);
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(run);
            out.writeInt(history.size());
            for (SequenceClassifier.EpochLog e : history) {
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.trainAccuracy());
                out.writeDouble(e.validationUar());
                out.writeFloat(e.learningRate());
            }
            bytes(out, PlainWeights.encode(parameters));
            bytes(out, PlainWeights.encode(bestParameters));
            out.writeDouble(bestUar);
            out.writeInt(sinceBest);
            out.writeInt(sinceLrChange);
            out.writeFloat(learningRate);
            bytes(out, PlainWeights.encode(optimizerState));
            out.writeBoolean(finished);
            out.flush();
        });
    }

    /**
     * The checkpoint in {@code file} if it belongs to {@code run}; null when there is none. A damaged checkpoint
     * or one from another run is an error (naming the file), never silently overwritten.
     */
    static TrainingCheckpoint resume(Path file, String run) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SentioException(file + ": cannot read the training checkpoint (" + e.getMessage() + ")", e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new SentioException(file + ": not a Sentio training checkpoint");
            }
            String saved = in.readUTF();
            if (!saved.equals(run)) {
                throw new SentioException(file + ": a checkpoint of another training run (other data, network, "
                        + "settings or build of Sentio); delete it or choose another checkpoint file");
            }
            int n = in.readInt();
            List<SequenceClassifier.EpochLog> history = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                history.add(new SequenceClassifier.EpochLog(in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readFloat()));
            }
            return new TrainingCheckpoint(saved, history, PlainWeights.decode(bytes(in)), PlainWeights.decode(bytes(in)),
                    in.readDouble(), in.readInt(), in.readInt(), in.readFloat(), PlainWeights.decode(bytes(in)),
                    in.readBoolean());
        } catch (EOFException | IllegalArgumentException e) {
            throw new SentioException(file + ": the training checkpoint is truncated or damaged");
        } catch (IOException e) {
            throw new SentioException(file + ": cannot read the training checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new EOFException();
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
