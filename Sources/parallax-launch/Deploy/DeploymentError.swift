import Parallax

/// Why a deployment file was refused: one problem, where it is in the file, and the file.
///
/// Rendered like a launch-description error, the location naming the file:
/// ```
/// error: pipeline "camera": unknown field "restrat"
///  --> site.yaml:5:5
///   |
/// 5 |     restrat: always
///   |     ^^^^^^^
///   = note: known fields: description, restart, sandbox, depends_on, environment
/// ```
/// A pure value; any thread.
struct DeploymentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with the pipeline and field it is about.
    var message: String
    /// 1-based line in the file.
    var line: Int
    /// 1-based column, in Unicode scalars (as libyaml counts).
    var column: Int
    /// How many scalars to underline (at least one).
    var length: Int
    /// Extra facts, `= note:` lines.
    var notes: [String] = []
    /// A suggested fix, the `= help:` line.
    var help: String?
    /// The file's text.
    var source: String
    /// The file's name as given on the command line.
    var file: String

    /// The error rendered with the file's line and a caret under the place at fault, without a final newline.
    var description: String {
        let start = Self.offset(line: line, column: column, in: source)
        let end = Self.offset(line: line, column: column + max(length, 1), in: source)
        let diagnostic = Diagnostic(
            message: message, span: SourceSpan(start: start, length: max(end - start, 0)), notes: notes, help: help)
        let marker = "--> \(line):\(column)"
        return diagnostic.render(in: source).replacing(
            marker, with: "--> \(file):\(line):\(column)", maxReplacements: 1)
    }

    /// The UTF-8 offset of 1-based `line` and `column` (in scalars) of `source`, clamped to the line's end.
    static func offset(line: Int, column: Int, in source: String) -> Int {
        var offset = 0
        var currentLine = 1
        let scalars = source.unicodeScalars
        var index = scalars.startIndex
        while currentLine < line, index < scalars.endIndex {
            if scalars[index] == "\n" { currentLine += 1 }
            offset += String(scalars[index]).utf8.count
            index = scalars.index(after: index)
        }
        var remaining = column - 1
        while remaining > 0, index < scalars.endIndex, scalars[index] != "\n" {
            offset += String(scalars[index]).utf8.count
            index = scalars.index(after: index)
            remaining -= 1
        }
        return offset
    }
}
