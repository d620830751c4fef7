package dev.sentio.model.train;

import ai.djl.training.tracker.Tracker;

/** A learning rate that the training loop lowers when validation stops improving (reduce-on-plateau). */
final class PlateauTracker implements Tracker {
    private float value;

    PlateauTracker(float initial) {
        this.value = initial;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }

    float value() {
        return value;
    }

    void set(float newValue) {
        value = newValue;
    }

    void scale(float factor) {
        value *= factor;
    }
}
