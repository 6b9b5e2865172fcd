// Plain string path helpers (POSIX paths, "/" separated) for locating files next to each other.

enum FilePaths {
    /// The folder part of a path: "a/b/c" → "a/b", "c" → ".", "/c" → "/".
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path: "a/b/c" → "c".
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Whether `path` (already resolved) is `root` itself or lies below it, compared byte for byte.
    static func isInside(_ path: String, root: String) -> Bool {
        if path.utf8.elementsEqual(root.utf8) { return true }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.utf8.starts(with: prefix.utf8)
    }
}
