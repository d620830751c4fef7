package dev.sentio.stream;

import dev.sentio.SentioException;
import dev.sentio.audio.AudioStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Live audio, block by block: a microphone (javax.sound), or a file played at real-time pace into the same path.
 * {@link #read} blocks until the next block is there, as a microphone does.
 */
public interface LiveSource extends AutoCloseable {
    int sampleRate();

    /** A description for messages, e.g. the device's or the file's name. */
    String name();

    /** Fills {@code block} from the start; returns how many samples, or -1 when the source has ended. */
    int read(float[] block);

    @Override
    void close();

    /** The capture rate asked of microphones: the models' rate, so nothing needs resampling. */
    int MICROPHONE_RATE = 16000;

    /** Names of the devices that can capture audio. */
    static List<String> devices() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            if (mixer.getTargetLineInfo().length > 0
                    && mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, format()))) {
                names.add(info.getName());
            }
        }
        return names;
    }

    private static AudioFormat format() {
        return new AudioFormat(MICROPHONE_RATE, 16, 1, true, false);
    }

    /**
     * The default microphone, or the first capture device whose name contains {@code device}.
     *
     * @throws SentioException when there is none, naming what there is
     */
    static LiveSource microphone(String device) {
        AudioFormat format = format();
        DataLine.Info wanted = new DataLine.Info(TargetDataLine.class, format);
        try {
            TargetDataLine line;
            String name;
            if (device == null) {
                if (!AudioSystem.isLineSupported(wanted)) {
                    throw new SentioException("no microphone: this machine has no capture device for 16 kHz mono "
                            + "16-bit audio (--list-devices lists what there is; --input FILE plays a file instead)");
                }
                line = (TargetDataLine) AudioSystem.getLine(wanted);
                name = "default microphone";
            } else {
                Mixer.Info match = null;
                for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                    if (info.getName().contains(device) && AudioSystem.getMixer(info).isLineSupported(wanted)) {
                        match = info;
                        break;
                    }
                }
                if (match == null) {
                    throw new SentioException("no capture device named '" + device + "'; there are: "
                            + (devices().isEmpty() ? "none" : String.join(", ", devices())));
                }
                line = (TargetDataLine) AudioSystem.getMixer(match).getLine(wanted);
                name = match.getName();
            }
            line.open(format);
            line.start();
            return new Microphone(line, name);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new SentioException("cannot open the microphone (" + e.getMessage() + ")");
        }
    }

    /** A file played at {@code pace} times real time (0: as fast as it decodes), through the live path. */
    static LiveSource file(Path file, double pace) {
        return new PacedFile(AudioStream.open(file), file.toString(), pace);
    }

    /** A capture line, 16-bit little-endian mono. */
    final class Microphone implements LiveSource {
        private final TargetDataLine line;
        private final String name;
        private byte[] bytes = new byte[0];

        Microphone(TargetDataLine line, String name) {
            this.line = line;
            this.name = name;
        }

        @Override
        public int sampleRate() {
            return MICROPHONE_RATE;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int read(float[] block) {
            if (bytes.length != 2 * block.length) {
                bytes = new byte[2 * block.length];
            }
            int got = line.read(bytes, 0, bytes.length);
            if (got <= 0) {
                return line.isOpen() ? 0 : -1;
            }
            int n = got / 2;
            for (int i = 0; i < n; i++) {
                block[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8)) / 32768f;
            }
            return n;
        }

        @Override
        public void close() {
            line.stop();
            line.close();
        }
    }

    /** A decoded file, released block by block no faster than its own clock. */
    final class PacedFile implements LiveSource {
        private final AudioStream in;
        private final String name;
        private final double pace;
        private final long started = System.nanoTime();

        PacedFile(AudioStream in, String name, double pace) {
            this.in = in;
            this.name = name;
            this.pace = pace;
        }

        @Override
        public int sampleRate() {
            return in.sampleRate();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int read(float[] block) {
            // a microphone hands over a block once it has been heard: wait until the block's end is due
            int n = in.read(block);
            if (n > 0 && pace > 0) {
                long due = started + (long) ((in.position() / (double) in.sampleRate()) * 1e9 / pace);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
            }
            return n;
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
