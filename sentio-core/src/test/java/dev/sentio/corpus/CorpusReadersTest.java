package dev.sentio.corpus;

import dev.sentio.SentioException;
import dev.sentio.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReadersTest {
    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
        return p;
    }

    @Test
    void vocabularyMapsEachCorpusWord() {
        assertEquals(Emotion.FEAR, Emotion.parse("fearful"));
        assertEquals(Emotion.SURPRISE, Emotion.parse("ps"));
        assertEquals(Emotion.SURPRISE, Emotion.parse("Pleasant_Surprise"));
        assertEquals(Emotion.HAPPY, Emotion.parse("happiness"));
        assertEquals(Emotion.ANGRY, Emotion.parse("anger"));
        assertThrows(SentioException.class, () -> Emotion.parse("meh"));
    }

    @Test
    void emoDbNamesGiveLabelAndSpeaker() throws IOException {
        touch("wav/03a01Fa.flac");
        touch("wav/16b10Wb.flac");
        touch("wav/notes.flac");
        Corpus c = CorpusReaders.emoDb(dir);
        assertEquals(2, c.utterances().size());
        assertEquals(Emotion.HAPPY, c.utterances().get(0).emotion());
        assertEquals("emodb-16", c.utterances().get(1).speaker());
        assertEquals(Emotion.ANGRY, c.utterances().get(1).emotion());
        assertEquals(1, c.skipped().size());
    }

    @Test
    void ravdessCodesAndCalmMerge() throws IOException {
        touch("Actor_01/03-01-02-01-01-01-01.flac");
        touch("Actor_02/03-01-06-02-01-01-02.flac");
        touch("Actor_02/03-02-06-02-01-01-02.flac"); // song
        Corpus c = CorpusReaders.ravdess(dir);
        assertEquals(2, c.utterances().size());
        assertEquals(Emotion.CALM, c.utterances().get(0).emotion());
        assertEquals(Emotion.FEAR, c.utterances().get(1).emotion());
        assertEquals("ravdess-02", c.utterances().get(1).speaker());
        assertEquals(Emotion.NEUTRAL, c.withCalmAsNeutral().utterances().get(0).emotion());
        assertTrue(c.skipped().get(0).contains("song"));
    }

    @Test
    void tessSpeakerFromFolderAndLabelsMustAgree() throws IOException {
        touch("OAF_neutral/OA_bite_neutral.flac");
        touch("YAF_pleasant_surprise/YAF_back_ps.flac");
        touch("YAF_sad/YAF_dog_happy.flac");
        Corpus c = CorpusReaders.tess(dir);
        assertEquals(2, c.utterances().size());
        assertEquals("tess-OAF", c.utterances().get(0).speaker());
        assertEquals(Emotion.SURPRISE, c.utterances().get(1).emotion());
        assertTrue(c.skipped().get(0).contains("name says happy but its folder sad"), c.skipped().toString());
    }

    @Test
    void folderPerLabelAndManifest() throws IOException {
        touch("mine/angry/a.wav");
        touch("mine/calm/b.wav");
        touch("mine/loose.wav");
        Corpus f = CorpusReaders.folderPerLabel(dir.resolve("mine"));
        assertEquals(2, f.utterances().size());
        assertEquals(1, f.skipped().size());
        Path csv = dir.resolve("mine/list.csv");
        Files.writeString(csv, "path,label,speaker\nangry/a.wav,anger,spk1\ncalm/b.wav,calm\nmissing.wav,sad,x\nangry/a.wav,meh,y\n");
        Corpus m = CorpusReaders.open(csv.toString(), dir);
        assertEquals(2, m.utterances().size());
        assertEquals("spk1", m.utterances().get(0).speaker());
        assertEquals(2, m.skipped().size());
    }

    @Test
    void sharedCorporaHaveTheDocumentedSizes() {
        Path root = SharedData.require("corpora");
        Corpus emodb = CorpusReaders.open("emodb", root);
        assertEquals(535, emodb.utterances().size());
        assertEquals(10, emodb.speakers().size());
        Corpus ravdess = CorpusReaders.open("ravdess", root);
        assertEquals(1440, ravdess.utterances().size());
        assertEquals(24, ravdess.speakers().size());
        assertEquals(96, (int) ravdess.counts().get(Emotion.NEUTRAL));
        Corpus tess = CorpusReaders.open("tess", root);
        assertEquals(2798, tess.utterances().size());
        assertEquals(2, tess.speakers().size());
        assertTrue(emodb.skipped().isEmpty() && ravdess.skipped().isEmpty() && tess.skipped().isEmpty(),
                emodb.skipped() + " " + ravdess.skipped() + " " + tess.skipped());
    }
}
