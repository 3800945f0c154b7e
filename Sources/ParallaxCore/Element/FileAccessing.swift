/// An element that reads or writes one file (filesrc, filesink). In an element host, which cannot open
/// files, the supervisor opens the file with `openFile()` on the element's behalf and the host hands the
/// descriptor over with `adoptFile(_:)` before `start()`: the element gets exactly that file and nothing else.
public protocol FileAccessing: Element {
    /// Opens the element's file the way `start()` would, and returns the descriptor (close-on-exec). Errors
    /// are the ones `start()` would report (no location, no such file, no permission).
    func openFile() throws(ElementError) -> Int32

    /// Hands the element a descriptor `openFile()` returned in another process; `start()` uses it instead
    /// of opening the file. The element owns it from here on.
    mutating func adoptFile(_ descriptor: Int32)
}
