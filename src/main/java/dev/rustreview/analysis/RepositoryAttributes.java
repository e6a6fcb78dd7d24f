package dev.rustreview.analysis;

import dev.rustreview.model.FileChange;
import dev.rustreview.model.SourceReader;
import java.util.Set;
import java.util.TreeSet;

/** The head commit's {@code .gitattributes} files that can apply to the changed paths, root first. */
final class RepositoryAttributes {

    private RepositoryAttributes() {
    }

    static GitAttributes read(SourceReader sources, String head, Iterable<FileChange> files) {
        if (head == null) {
            return GitAttributes.none();
        }
        Set<String> directories = new TreeSet<>((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
        directories.add("");
        for (FileChange file : files) {
            String path = file.path();
            int slash = path.lastIndexOf('/');
            while (slash > 0) {
                path = path.substring(0, slash);
                directories.add(path);
                slash = path.lastIndexOf('/');
            }
        }
        GitAttributes attributes = GitAttributes.none();
        for (String dir : directories) {
            String file = dir.isEmpty() ? ".gitattributes" : dir + "/.gitattributes";
            String directory = dir;
            attributes = sources.fileAt(head, file).map(text -> GitAttributes.parse(directory, text))
                    .map(attributes::and).orElse(attributes);
        }
        return attributes;
    }
}
