package dev.sentio.corpus;

import dev.sentio.SentioException;
import dev.sentio.audio.AudioLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Readers for the corpora in {@code ../shared/corpora} (label and speaker schemes as its README gives them),
 * for a folder-per-label layout and for a CSV manifest. Entries that do not fit the scheme are skipped and
 * listed in {@link Corpus#skipped()}, never silently dropped.
 */
public final class CorpusReaders {
    private static final Map<Character, Emotion> EMODB = Map.of('W', Emotion.ANGRY, 'L', Emotion.BOREDOM,
            'E', Emotion.DISGUST, 'A', Emotion.FEAR, 'F', Emotion.HAPPY, 'T', Emotion.SAD, 'N', Emotion.NEUTRAL);
    private static final Emotion[] RAVDESS = {null, Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE};

    private CorpusReaders() {
    }

    /**
     * A corpus by name ({@code emodb}, {@code ravdess}, {@code tess}, {@code nemo}, found under {@code corporaRoot}), or a
     * folder-per-label folder, or a {@code .csv} manifest.
     */
    public static Corpus open(String spec, Path corporaRoot) {
        switch (spec.toLowerCase(Locale.ROOT)) {
            case "emodb":
                return emoDb(corporaRoot.resolve("emodb"));
            case "ravdess":
                return ravdess(corporaRoot.resolve("ravdess"));
            case "tess":
                return tess(corporaRoot.resolve("tess"));
            case "nemo":
                return manifest(corporaRoot.resolve("nemo").resolve("manifest.csv"), "nemo");
            default:
                Path p = Path.of(spec);
                if (Files.isDirectory(p)) {
                    return folderPerLabel(p);
                }
                if (Files.isRegularFile(p) && p.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    return manifest(p);
                }
                throw new SentioException("unknown corpus '" + spec
                        + "': use emodb, ravdess, tess, nemo, a folder with one subfolder per label, or a .csv manifest");
        }
    }

    /** EmoDB: label in the 6th character of the name, speaker in the first two. */
    public static Corpus emoDb(Path root) {
        List<Utterance> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : audioFiles(root)) {
            String name = f.getFileName().toString();
            Emotion e = name.length() >= 7 ? EMODB.get(name.charAt(5)) : null;
            if (e == null) {
                skipped.add(f + ": name does not follow EmoDB's scheme (label letter at position 6)");
                continue;
            }
            out.add(new Utterance(f, e, "emodb-" + name.substring(0, 2), "emodb"));
        }
        return new Corpus("emodb", out, skipped);
    }

    /** RAVDESS speech: {@code MM-VV-EE-II-SS-RR-AA}, emotion EE, actor AA; song files (VV = 02) are skipped. */
    public static Corpus ravdess(Path root) {
        List<Utterance> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : audioFiles(root)) {
            String stem = stem(f);
            String[] parts = stem.split("-");
            if (parts.length != 7 || !stem.matches("\\d\\d(-\\d\\d){6}")) {
                skipped.add(f + ": name does not follow RAVDESS's MM-VV-EE-II-SS-RR-AA scheme");
                continue;
            }
            int code = Integer.parseInt(parts[2]);
            if (!parts[1].equals("01")) {
                skipped.add(f + ": vocal channel " + parts[1] + " is song, not speech");
                continue;
            }
            if (code < 1 || code >= RAVDESS.length) {
                skipped.add(f + ": unknown RAVDESS emotion code " + parts[2]);
                continue;
            }
            out.add(new Utterance(f, RAVDESS[code], "ravdess-" + parts[6], "ravdess"));
        }
        return new Corpus("ravdess", out, skipped);
    }

    /**
     * TESS: folder {@code <SPK>_<emotion>}; the speaker comes from the folder (one file carries a typo in its
     * own prefix) and the label from the file name's last part, which must agree with the folder's.
     */
    public static Corpus tess(Path root) {
        List<Utterance> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : audioFiles(root)) {
            String folder = f.getParent().getFileName().toString();
            int underscore = folder.indexOf('_');
            String stem = stem(f);
            int last = stem.lastIndexOf('_');
            if (underscore < 0 || last < 0) {
                skipped.add(f + ": not in a <speaker>_<emotion> folder with a <speaker>_<word>_<emotion> name");
                continue;
            }
            Emotion fromFolder;
            Emotion fromName;
            try {
                fromFolder = Emotion.parse(folder.substring(underscore + 1));
                fromName = Emotion.parse(stem.substring(last + 1));
            } catch (SentioException e) {
                skipped.add(f + ": " + e.getMessage());
                continue;
            }
            if (fromFolder != fromName) {
                skipped.add(f + ": its name says " + fromName.label() + " but its folder " + fromFolder.label());
                continue;
            }
            out.add(new Utterance(f, fromName, "tess-" + folder.substring(0, underscore), "tess"));
        }
        return new Corpus("tess", out, skipped);
    }

    /**
     * Users' data: {@code root/<label>/...audio}, one subfolder per emotion. With no speaker information each
     * file counts as its own speaker, so only utterance-level protocols apply.
     */
    public static Corpus folderPerLabel(Path root) {
        List<Utterance> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : audioFiles(root)) {
            Path rel = root.relativize(f);
            if (rel.getNameCount() < 2) {
                skipped.add(f + ": not inside a label subfolder");
                continue;
            }
            try {
                out.add(new Utterance(f, Emotion.parse(rel.getName(0).toString()), "file-" + rel, root.toString()));
            } catch (SentioException e) {
                skipped.add(f + ": " + e.getMessage());
            }
        }
        return new Corpus(root.toString(), out, skipped);
    }

    /** A CSV manifest {@code path,label[,speaker]} (optional header; paths relative to the manifest's folder). */
    public static Corpus manifest(Path csv) {
        return manifest(csv, csv.toString());
    }

    /** As above, the corpus (and its utterances) named {@code name}. */
    public static Corpus manifest(Path csv, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SentioException(csv + ": cannot read manifest (" + e.getMessage() + ")");
        }
        List<Utterance> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Path base = csv.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("path,"))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = csv + " line " + (i + 1);
            if (cells.length < 2 || cells.length > 3 || cells[0].isBlank()) {
                skipped.add(where + ": expected path,label[,speaker]");
                continue;
            }
            Path f = base.resolve(cells[0].strip());
            if (!Files.isRegularFile(f)) {
                skipped.add(where + ": " + f + " does not exist");
                continue;
            }
            try {
                String speaker = cells.length == 3 && !cells[2].isBlank() ? cells[2].strip() : "file-" + cells[0].strip();
                out.add(new Utterance(f, Emotion.parse(cells[1]), speaker, name));
            } catch (SentioException e) {
                skipped.add(where + ": " + e.getMessage());
            }
        }
        return new Corpus(name, out, skipped);
    }

    private static List<Path> audioFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new SentioException(root + ": corpus folder not found");
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(AudioLoader::hasAudioExtension).sorted().toList();
        } catch (IOException e) {
            throw new SentioException(root + ": cannot list (" + e.getMessage() + ")");
        }
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
