package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.Resampler;

/**
 * Speed perturbation (Ko et al. 2015, Kaldi's {@code speed} augmentation): the recording played {@code speed}
 * times as fast, tempo and pitch together, at the same sample rate. 0.9 gives a longer, lower voice, 1.1 a
 * shorter, higher one: new voices for training that keep their emotion. Done by band-limited resampling by the
 * ratio 100 : (100 x speed), so the speed is taken to two decimals.
 */
public final class SpeedPerturbation {
    private SpeedPerturbation() {
    }

    /** Refuses speeds that are not between 0.5 and 2 in steps of 0.01. */
    public static int percent(double speed) {
        long percent = Math.round(speed * 100);
        if (!(speed >= 0.5 && speed <= 2.0) || Math.abs(percent - speed * 100) > 1e-6) {
            throw new SentioException("speed perturbation " + speed + " must be between 0.5 and 2 in steps of 0.01");
        }
        return (int) percent;
    }

    public static Audio apply(Audio audio, double speed) {
        int percent = percent(speed);
        if (percent == 100) {
            return audio;
        }
        // as if recorded at speed x the rate, then resampled back to the rate
        return new Audio(Resampler.resamplePoly(audio.samples(), percent, 100), audio.sampleRate());
    }
}
