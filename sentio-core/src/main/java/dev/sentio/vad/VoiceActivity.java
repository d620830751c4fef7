package dev.sentio.vad;

/**
 * Finds voiced speech without a model: per frame (40 ms, hop 20 ms) the level and the periodicity (the largest
 * normalised autocorrelation at a pitch period of 60 to 400 Hz, where voiced speech has its F0). A recording
 * holds speech when enough loud frames are voiced and their pitch moves as a voice's does: a steady tone or hum
 * is periodic but holds its pitch; noise, clicks and most machine and environmental sounds are not periodic; a
 * sustained pitched sound (a sweep, a horn) is voiced throughout, where speech alternates voiced and unvoiced
 * sounds; birds and sirens swing or jump in pitch further than a voice. The thresholds sit just outside what 5516
 * utterances of four acted corpora reach (their 1st or 99th percentiles), and were checked on the odd-numbered
 * files of the real noise set (VoiceActivityReport, BENCHMARKS.md).
 * Emotions are only given to recordings that pass ({@link #assess}).
 */
public final class VoiceActivity {
    /** Pitch range of voiced speech (Hz). */
    static final double F0_MIN = 60;
    static final double F0_MAX = 400;
    static final double FRAME_SECONDS = 0.04;
    static final double HOP_SECONDS = 0.02;
    /** Frames quieter than this (dB below full scale) carry nothing. */
    static final double FLOOR_DB = -60;
    /** Frames more than this below the loudest frame are background. */
    static final double RANGE_DB = 35;
    /** Normalised autocorrelation a voiced frame reaches at its period. */
    static final double VOICED_CORRELATION = 0.7;
    /** Least voiced speech in a recording of speech (seconds). */
    static final double MIN_VOICED_SECONDS = 0.12;
    /** Least variation of pitch over the voiced frames (semitones, standard deviation) of a voice. */
    static final double MIN_PITCH_SD_SEMITONES = 0.35;
    /** Most pitch variation of a voice (semitones, standard deviation); birds and sirens swing further. */
    static final double MAX_PITCH_SD_SEMITONES = 10;
    /** Least voiced speech in a recording of speech, for the checks on its voicing (seconds). */
    static final double MIN_SPEECH_VOICED_SECONDS = 0.3;
    /** Speech alternates voiced and unvoiced sounds: at most this share of its loud frames is voiced. */
    static final double MAX_VOICED_SHARE = 0.97;
    /** Longest run of voiced frames in speech (seconds): a sustained sound is rarely a voice. */
    static final double MAX_VOICED_RUN_SECONDS = 3;
    /** Voiced speech glides: at most this share of neighbouring voiced frames jumps by over 1.5 semitones. */
    static final double MAX_JUMP_SHARE = 0.35;
    /** Shortest recording worth judging (seconds). */
    static final double MIN_SECONDS = 0.2;

    private VoiceActivity() {
    }

    /**
     * Per-frame analysis.
     *
     * @param levelDb     frame level, dB re full scale (RMS)
     * @param correlation the largest normalised autocorrelation in the speech pitch range
     * @param f0          the pitch at that lag (Hz)
     * @param frameSeconds the hop between frames
     */
    public record Frames(double[] levelDb, double[] correlation, double[] f0, double frameSeconds) {
        public int count() {
            return levelDb.length;
        }

        /** Frames loud enough to matter: above the floor and within {@link #RANGE_DB} of the loudest. */
        public boolean[] active() {
            double loudest = Double.NEGATIVE_INFINITY;
            for (double l : levelDb) {
                loudest = Math.max(loudest, l);
            }
            boolean[] a = new boolean[levelDb.length];
            for (int t = 0; t < a.length; t++) {
                a[t] = levelDb[t] > FLOOR_DB && levelDb[t] > loudest - RANGE_DB;
            }
            return a;
        }

        /** Active frames that are periodic at a speech pitch. */
        public boolean[] voiced() {
            return voiced(active());
        }

        /** The frames of {@code a} (from {@link #active()}) that are periodic at a speech pitch. */
        boolean[] voiced(boolean[] a) {
            boolean[] v = new boolean[a.length];
            for (int t = 0; t < v.length; t++) {
                v[t] = a[t] && correlation[t] >= VOICED_CORRELATION;
            }
            return v;
        }
    }

    /**
     * The outcome for a whole recording.
     *
     * @param speech           whether it holds speech to recognise
     * @param reason           why not (null when it does)
     * @param voicedSeconds    how much voiced speech was found
     * @param pitchSdSemitones how much the pitch of the voiced frames moves
     * @param voicedShare      voiced frames among the loud ones
     * @param longestVoiced    the longest run of voiced frames (seconds)
     * @param jumpShare        among neighbouring voiced frames, the share whose pitch differs by over 1.5 semitones
     */
    public record Verdict(boolean speech, String reason, double voicedSeconds, double pitchSdSemitones,
                          double voicedShare, double longestVoiced, double jumpShare) {
        Verdict(boolean speech, String reason, double voicedSeconds, double pitchSdSemitones) {
            this(speech, reason, voicedSeconds, pitchSdSemitones, 0, 0, 0);
        }
    }

    public static Frames frames(float[] y, int sampleRate) {
        FrameAnalyser analyser = new FrameAnalyser(sampleRate);
        int length = analyser.length();
        int hop = analyser.hop();
        int n = y.length < length ? (y.length > 0 ? 1 : 0) : 1 + (y.length - length) / hop;
        double[] level = new double[n];
        double[] correlation = new double[n];
        double[] f0 = new double[n];
        for (int t = 0; t < n; t++) {
            int start = t * hop;
            analyser.analyse(y, start, Math.min(length, y.length - start));
            level[t] = analyser.level();
            correlation[t] = analyser.correlation();
            f0[t] = analyser.f0();
        }
        return new Frames(level, correlation, f0, HOP_SECONDS);
    }

    /** A frequency ratio in semitones. */
    private static double semitones(double ratio) {
        return 12 * Math.log(ratio) / Math.log(2);
    }

    /** Whether the recording holds speech, and if not, why. */
    public static Verdict assess(float[] y, int sampleRate) {
        double seconds = y.length / (double) sampleRate;
        if (seconds < MIN_SECONDS) {
            return new Verdict(false, String.format(java.util.Locale.ROOT,
                    "too short to hold speech (%.3f s; at least %.1f s)", seconds, MIN_SECONDS), 0, 0);
        }
        Frames f = frames(y, sampleRate);
        boolean[] active = f.active();
        int activeCount = 0;
        for (boolean a : active) {
            activeCount += a ? 1 : 0;
        }
        if (activeCount == 0) {
            return new Verdict(false, "silence: no frame is louder than " + (int) FLOOR_DB + " dBFS", 0, 0);
        }
        boolean[] voiced = f.voiced(active);
        int count = 0;
        double sum = 0;
        double squares = 0;
        for (int t = 0; t < voiced.length; t++) {
            if (voiced[t]) {
                double st = semitones(f.f0()[t] / 100.0);
                count++;
                sum += st;
                squares += st * st;
            }
        }
        double voicedSeconds = count * f.frameSeconds();
        int longest = 0;
        int run = 0;
        int pairs = 0;
        int jumps = 0;
        for (int t = 0; t < voiced.length; t++) {
            run = voiced[t] ? run + 1 : 0;
            longest = Math.max(longest, run);
            if (t > 0 && voiced[t] && voiced[t - 1]) {
                pairs++;
                jumps += Math.abs(semitones(f.f0()[t] / f.f0()[t - 1])) > 1.5 ? 1 : 0;
            }
        }
        double share = count / (double) activeCount;
        double longestSeconds = longest * f.frameSeconds();
        double jumpShare = pairs == 0 ? 0 : jumps / (double) pairs;
        double sd = count > 1 ? Math.sqrt(Math.max(0, squares / count - (sum / count) * (sum / count))) : 0;
        if (voicedSeconds < MIN_VOICED_SECONDS) {
            return new Verdict(false, String.format(java.util.Locale.ROOT,
                    "no voice found: %.2f s of voiced sound (noise, clicks or unvoiced sound; speech has at least %.2f s)",
                    voicedSeconds, MIN_VOICED_SECONDS), voicedSeconds, sd, share, longestSeconds, jumpShare);
        }
        String not = null;
        if (sd < MIN_PITCH_SD_SEMITONES) {
            not = String.format(java.util.Locale.ROOT, "a steady tone, not a voice: its pitch varies by %.2f "
                    + "semitones (a voice's by at least %.2f)", sd, MIN_PITCH_SD_SEMITONES);
        } else if (voicedSeconds < MIN_SPEECH_VOICED_SECONDS) {
            not = String.format(java.util.Locale.ROOT, "too little voiced sound for speech: %.2f s (at least %.2f s)",
                    voicedSeconds, MIN_SPEECH_VOICED_SECONDS);
        } else if (share > MAX_VOICED_SHARE || longestSeconds > MAX_VOICED_RUN_SECONDS) {
            not = String.format(java.util.Locale.ROOT, "one sustained pitched sound, not speech: %.0f%% of the loud "
                    + "frames voiced, the longest run %.2f s", 100 * share, longestSeconds);
        } else if (sd > MAX_PITCH_SD_SEMITONES || jumpShare > MAX_JUMP_SHARE) {
            not = String.format(java.util.Locale.ROOT, "pitch moves unlike a voice's (sd %.1f semitones, %.0f%% of "
                    + "frame-to-frame steps over 1.5 semitones): a bird, a siren or an instrument", sd, 100 * jumpShare);
        }
        if (not != null) {
            return new Verdict(false, not, voicedSeconds, sd, share, longestSeconds, jumpShare);
        }
        return new Verdict(true, null, voicedSeconds, sd, share, longestSeconds, jumpShare);
    }
}
