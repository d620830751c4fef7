package dev.sentio.vad;

/**
 * Whether a whole recording holds speech, and if not, why: what Sentio's Recognizer asks before it
 * gives an emotion. The model-free {@link VoiceActivity} is the default; a learned detector (the Silero VAD in
 * sentio-silero) can be added with {@link #and}.
 */
@FunctionalInterface
public interface SpeechCheck {
    /** The model-free check: voiced frames whose pitch moves as a voice's does. */
    SpeechCheck PERIODICITY = VoiceActivity::assess;

    VoiceActivity.Verdict assess(float[] samples, int sampleRate);

    /**
     * Speech only when this check and then {@code next} both find it; the first that does not gives the reason
     * (when both do, this check's verdict is the answer).
     */
    default SpeechCheck and(SpeechCheck next) {
        return (samples, rate) -> {
            VoiceActivity.Verdict v = assess(samples, rate);
            if (!v.speech()) {
                return v;
            }
            VoiceActivity.Verdict n = next.assess(samples, rate);
            return n.speech() ? v : n;
        };
    }
}
