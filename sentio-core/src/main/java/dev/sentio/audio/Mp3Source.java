package dev.sentio.audio;

import javazoom.spi.mpeg.sampled.convert.DecodedMpegAudioInputStream;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * MP3 through JLayer/mp3spi. Like most MP3 decoders it keeps the encoder delay and padding (a few hundred
 * to about two thousand samples of near-silence at the ends), so lengths can exceed the original's.
 */
final class Mp3Source {
    private Mp3Source() {
    }

    static PcmSource open(Path file, InputStream in) throws IOException {
        AudioInputStream mp3;
        try {
            mp3 = new MpegAudioFileReader().getAudioInputStream(in);
        } catch (UnsupportedAudioFileException | RuntimeException e) {
            throw new AudioException(file, "corrupt MP3 stream (" + FlacSource.describe(e) + ")");
        }
        AudioFormat source = mp3.getFormat();
        int channels = source.getChannels();
        int rate = Math.round(source.getSampleRate());
        WavReader.checkLayout(file, channels, rate);
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate, false);
        InputStream decoded = new DecodedMpegAudioInputStream(pcm, mp3);
        return new InterleavedPcmSource(file, decoded, new PcmEncoding(16, false, false, false), channels, rate, -1);
    }
}
