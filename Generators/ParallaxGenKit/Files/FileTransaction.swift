import Foundation

/// Writes a set of files all or nothing: every file goes to a temporary next to its destination first, and
/// only when all are written are they renamed into place.
///
/// ```swift
/// var transaction = FileTransaction(root: packageURL)
/// transaction.add("Sources/MyElements/Brightness.swift", contents: stub)
/// try transaction.commit()        // on failure nothing new is left: temporaries and new folders removed
/// ```
/// A failure while writing removes the temporaries and the folders the transaction created. Renaming is
/// atomic per file; should a rename fail, the files already renamed that were new are removed again.
/// Runs on the calling thread.
public struct FileTransaction {
    /// The folder paths are relative to.
    public var root: URL
    /// The files to write: path relative to `root`, and contents.
    public private(set) var files: [(path: String, contents: String)] = []

    /// A transaction writing under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Adds a file; a later file with the same path replaces it.
    public mutating func add(_ path: String, contents: String) {
        files.removeAll { $0.path == path }
        files.append((path, contents))
    }

    /// Writes every file, or none. Throws `SpecError` naming the file that could not be written.
    public func commit() throws(SpecError) {
        let manager = FileManager.default
        var createdFolders: [URL] = []
        var temporaries: [(temporary: URL, destination: URL, isNew: Bool)] = []
        func rollBack() {
            for entry in temporaries { try? manager.removeItem(at: entry.temporary) }
            for folder in createdFolders.reversed() { try? manager.removeItem(at: folder) }
        }
        for file in files {
            let destination = root.appendingPathComponent(file.path)
            let folder = destination.deletingLastPathComponent()
            do {
                for missing in Self.missingFolders(folder) {
                    try manager.createDirectory(at: missing, withIntermediateDirectories: false)
                    createdFolders.append(missing)
                }
                let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).parallax-gen-tmp")
                try Data(file.contents.utf8).write(to: temporary)
                temporaries.append((temporary, destination, !manager.fileExists(atPath: destination.path)))
            } catch {
                rollBack()
                throw SpecError(field: file.path, "could not be written: \(Self.reason(error))")
            }
        }
        var renamed: [URL] = []
        for entry in temporaries {
            if rename(entry.temporary.path, entry.destination.path) != 0 {
                let reason = String(cString: strerror(errno))
                for url in renamed { try? manager.removeItem(at: url) }
                rollBack()
                throw SpecError(field: entry.destination.path, "could not be written: \(reason)")
            }
            if entry.isNew { renamed.append(entry.destination) }
        }
    }

    /// The folders from the first missing ancestor of `folder` down to `folder`, outermost first.
    static func missingFolders(_ folder: URL) -> [URL] {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path), current.path != "/" {
            missing.insert(current, at: 0)
            current = current.deletingLastPathComponent()
        }
        return missing
    }

    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
