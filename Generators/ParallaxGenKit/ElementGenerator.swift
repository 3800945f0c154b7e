import Foundation
import Parallax

/// `parallax-gen element`: checks a spec against the package it goes into, then writes the element stub, the
/// target's registration, a harness test and a docs page (and a `Package.swift` when there is none) all at
/// once, or nothing.
///
/// ```swift
/// let generator = ElementGenerator(spec: spec, package: URL(fileURLWithPath: "my-elements"),
///                                  parallax: .path("../parallax"), source: "the command line")
/// let written = try generator.run()   // ["Package.swift", "Sources/MyElements/Brightness.swift", …]
/// ```
/// Every check runs before anything is written (`plan()`), and the files are written through a
/// `FileTransaction`, so an error leaves the package as it was. Runs on the calling thread.
public struct ElementGenerator: Sendable {
    /// The element.
    public var spec: ElementSpec
    /// The package folder (created when missing).
    public var package: URL
    /// The target named on the command line, which wins over the spec's.
    public var target: String?
    /// Where Parallax comes from, for a new `Package.swift`.
    public var parallax: PackageRenderer.Dependency?
    /// Where the spec came from, for the headers.
    public var source: String
    /// Factory names an element may not take (the stock elements, and any a caller adds).
    public var reservedFactories: Set<String>

    /// A generator; `reservedFactories` defaults to the stock elements.
    public init(
        spec: ElementSpec, package: URL, target: String? = nil, parallax: PackageRenderer.Dependency? = nil,
        source: String, reservedFactories: Set<String> = Set(ElementRegistry.stock.factories)
    ) {
        self.spec = spec
        self.package = package
        self.target = target
        self.parallax = parallax
        self.source = source
        self.reservedFactories = reservedFactories
    }

    /// Checks everything and returns the files to write, relative to the package. Writes nothing.
    public func plan() throws(SpecError) -> FileTransaction {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: package.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw SpecError(field: "--package", "\(package.path) is not a folder")
        }
        if reservedFactories.contains(spec.factory) {
            throw SpecError(field: "name", "\"\(spec.factory)\" is a stock element; choose another name")
        }
        let layout = PackageLayout(root: package)
        let target = try resolveTarget(layout)
        let renderer = ElementRenderer(spec: spec, target: target, source: source)
        let existing = layout.elements(of: target)
        if let clash = existing.first(where: { $0.factory == spec.factory }) {
            throw SpecError(field: "name", "\"\(spec.factory)\" is already an element of this package (\(clash.path))")
        }
        if let clash = existing.first(where: { $0.typeName == spec.typeName }) {
            throw SpecError(field: "type", "\(spec.typeName) is already an element of this package (\(clash.path))")
        }
        for path in [renderer.elementPath, renderer.testPath, renderer.docsPath] where layout.exists(path) {
            throw SpecError(field: "name", "\(path) already exists")
        }
        var transaction = FileTransaction(root: package)
        if !layout.hasManifest {
            guard let parallax else {
                throw SpecError(
                    field: "--parallax-path",
                    "the package has no Package.swift; give --parallax-path or --parallax-url to create one")
            }
            let name = package.standardizedFileURL.lastPathComponent
            transaction.add(
                "Package.swift", contents: PackageRenderer(name: name, target: target, parallax: parallax).file)
        }
        transaction.add(renderer.elementPath, contents: renderer.elementFile)
        let registration = RegistrationRenderer(
            target: target, elements: existing.map { ($0.factory, $0.typeName) } + [(spec.factory, spec.typeName)])
        transaction.add(registration.path, contents: registration.file)
        transaction.add(renderer.testPath, contents: renderer.testFile)
        transaction.add(renderer.docsPath, contents: renderer.docsFile)
        return transaction
    }

    /// Checks, then writes every file or none; returns the paths written, relative to the package.
    @discardableResult
    public func run() throws(SpecError) -> [String] {
        let transaction = try plan()
        try transaction.commit()
        return transaction.files.map(\.path)
    }

    /// The target: the command line's, the spec's, the package's only one, or (new package) the folder's
    /// name in UpperCamelCase.
    func resolveTarget(_ layout: PackageLayout) throws(SpecError) -> String {
        let field = target != nil ? "--target" : "target"
        let named = target ?? spec.target
        if let named, !SwiftName.isTypeName(named) {
            throw SpecError(field: field, "\"\(named)\" is not a target name")
        }
        guard layout.hasManifest else {
            return named ?? SwiftName.upperCamel(package.standardizedFileURL.lastPathComponent)
        }
        let targets = layout.targets
        if let named {
            guard targets.contains(named) else {
                throw SpecError(
                    field: field,
                    "the package has no target \(named) (Sources has: \(targets.isEmpty ? "nothing" : targets.joined(separator: ", ")))"
                )
            }
            return named
        }
        guard targets.count == 1, let only = targets.first else {
            throw SpecError(
                field: "--target",
                targets.isEmpty
                    ? "the package has no Sources folder to write into"
                    : "the package has several targets (\(targets.joined(separator: ", "))); name one")
        }
        return only
    }
}
