package dev.sentio.corpus;

import java.nio.file.Path;

/**
 * One labelled recording.
 *
 * @param file    the audio file
 * @param emotion its label
 * @param speaker who speaks, unique within the corpus (prefixed by the corpus name across corpora)
 * @param corpus  the corpus it comes from
 */
public record Utterance(Path file, Emotion emotion, String speaker, String corpus) {
}
