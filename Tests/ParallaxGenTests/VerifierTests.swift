import Foundation
import Parallax
import ParallaxGenKit
import Testing

@Suite struct VerifierTests {
    let verifier = Verifier(elements: ElementRegistry.stock.elements.map(\.info))

    /// The committed wrappers: where this test runs from, `#filePath` finds them.
    var committed: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("generated/ByName.swift")
    }

    @Test func theCommittedWrappersAreCurrent() {
        let report = verifier.verify([committed])
        #expect(report.checked == [committed.relativePath])
        #expect(report.isCurrent)
    }

    @Test func aChangedFileIsNamed() throws {
        let folder = try Tool.temporaryFolder()
        let copy = folder.appendingPathComponent("ByName.swift")
        let text = try String(contentsOf: committed, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "init() {}", with: "init() { }").utf8).write(to: copy)
        try Data("// a file parallax-gen did not write\n".utf8).write(to: folder.appendingPathComponent("Other.swift"))
        let report = verifier.verify([folder])
        #expect(report.checked == [copy.relativePath])
        #expect(report.stale == [copy.relativePath])

        let result = try Tool.run(Tool.parallaxGen, ["verify", folder.path])
        #expect(result.status == 1)
        #expect(result.output == "parallax-gen: \(copy.path) is out of date: regenerate it\n")
        try Data(text.utf8).write(to: copy)
        let current = try Tool.run(Tool.parallaxGen, ["verify", folder.path])
        #expect(current.status == 0)
        #expect(current.output == "1 generated file(s) current\n")
    }

    @Test func aRegistrationIsCheckedAgainstTheElementFiles() throws {
        let package = try Tool.temporaryFolder()
        try ElementGenerator(
            spec: try ElementSpec(ElementSpec.Draft(name: "tick", kind: "source", output: "bytes")), package: package,
            parallax: .path("/src/parallax"), source: "x"
        ).run()
        #expect(verifier.verify([package]).isCurrent)
        let stub = try #require(Tool.files(under: package).first { $0.hasSuffix("/Tick.swift") })
        try FileManager.default.removeItem(at: package.appendingPathComponent(stub))
        let report = verifier.verify([package])
        #expect(report.stale.count == 1)
        #expect(
            report.stale.first?.hasSuffix("ElementRegistry+\(SwiftName.upperCamel(package.lastPathComponent)).swift")
                == true)
    }
}
