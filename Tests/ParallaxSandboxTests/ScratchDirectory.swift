import Glibc

/// A fresh directory under /tmp; `remove()` deletes it and the files named in it.
struct ScratchDirectory {
    let path: String

    init() {
        var template = Array("/tmp/parallax-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Removes `names` and the directory.
    func remove(_ names: String...) {
        for name in names { unlink(file(name)) }
        rmdir(path)
    }
}
