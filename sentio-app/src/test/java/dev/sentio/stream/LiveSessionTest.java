package dev.sentio.stream;

import dev.sentio.audio.WavWriter;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSessionTest extends WithBundledModel {
    @TempDir
    Path dir;

    private Path recording() {
        Path f = dir.resolve("live.wav");
        WavWriter.write(f, TestSignals.bursts(16000, 20, new double[][] {{0.5, 1.5, 150}, {2, 19, 200}}), 16000);
        return f;
    }

    /** Stopped from another thread (as Ctrl-C does), a session ends at once and reports what was open. */
    @Test
    void stopEndsTheSessionAndClosesTheOpenSegment() throws InterruptedException {
        LiveSession session = new LiveSession(recognizer, StreamingRecognizer.Settings.defaults());
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.stop();
        });
        stopper.start();
        try (LiveSource source = LiveSource.file(recording(), 1)) {
            session.run(source, segments::add);
        }
        stopper.join();
        assertTrue(session.heard() < 15, "stopped long before the 20 s file ended: heard " + session.heard());
        assertEquals(session.heard(), segments.get(segments.size() - 1).end(), 1e-9,
                "the segments reach the moment it stopped");
        assertTrue(session.segments() == segments.size());
    }

    /** At pace 0 the live path gives exactly the timeline of the file, with latencies measured. */
    @Test
    void aFileThroughTheLivePathGivesItsTimeline() {
        Path f = recording();
        LiveSession session = new LiveSession(recognizer, StreamingRecognizer.Settings.defaults());
        List<StreamingRecognizer.Segment> live = new ArrayList<>();
        try (LiveSource source = LiveSource.file(f, 0)) {
            session.run(source, live::add);
        }
        List<StreamingRecognizer.Segment> timeline = StreamingRecognizer.timeline(recognizer, f,
                StreamingRecognizer.Settings.defaults());
        assertEquals(timeline.size(), live.size());
        for (int i = 0; i < live.size(); i++) {
            assertEquals(timeline.get(i).label(), live.get(i).label());
            assertEquals(timeline.get(i).end(), live.get(i).end(), 1e-9);
        }
        assertEquals(20.0, session.heard(), 1e-9);
    }
}
