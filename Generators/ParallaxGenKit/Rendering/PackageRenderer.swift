/// Renders the `Package.swift` of a new package of elements: a library target, its test target, and Parallax
/// as a dependency (by path or by URL and version).
///
/// ```swift
/// PackageRenderer(name: "my-elements", target: "MyElements", parallax: .path("../parallax")).file
/// ```
/// Written only when the package has no `Package.swift`; the user owns it afterwards. Pure functions.
public struct PackageRenderer: Sendable {
    /// Where the Parallax package comes from.
    public enum Dependency: Sendable, Hashable {
        /// A local checkout (`.package(path:)`).
        case path(String)
        /// A git URL and the lowest version (`.package(url:from:)`).
        case url(String, from: String)

        /// The package identity SwiftPM derives (the last path component, without `.git`).
        var identity: String {
            let location =
                switch self {
                case .path(let path): path
                case .url(let url, _): url
                }
            var last = location.split(separator: "/").last.map(String.init) ?? "parallax"
            if last.hasSuffix(".git") { last = String(last.dropLast(4)) }
            return last.lowercased()
        }

        var declaration: String {
            switch self {
            case .path(let path): ".package(path: \(SwiftName.literal(path)))"
            case .url(let url, let version):
                ".package(url: \(SwiftName.literal(url)), from: \(SwiftName.literal(version)))"
            }
        }
    }

    /// The package name.
    public var name: String
    /// The library target holding the elements.
    public var target: String
    /// Where Parallax comes from.
    public var parallax: Dependency

    /// A renderer.
    public init(name: String, target: String, parallax: Dependency) {
        self.name = name
        self.target = target
        self.parallax = parallax
    }

    /// `Package.swift`.
    public var file: String {
        let parallaxProduct = { (product: String) in
            ".product(name: \(SwiftName.literal(product)), package: \(SwiftName.literal(parallax.identity)))"
        }
        return """
            // swift-tools-version: 6.0
            \(GeneratedHeader.userOwned(by: "element", from: "the command line").dropLast())
            import PackageDescription

            let package = Package(
                name: \(SwiftName.literal(name)),
                platforms: [.macOS(.v15)],
                products: [.library(name: \(SwiftName.literal(target)), targets: [\(SwiftName.literal(target))])],
                dependencies: [\(parallax.declaration)],
                targets: [
                    .target(
                        name: \(SwiftName.literal(target)), dependencies: [\(parallaxProduct("Parallax"))],
                        swiftSettings: [.enableExperimentalFeature("Lifetimes")]),
                    .testTarget(
                        name: \(SwiftName.literal(target + "Tests")),
                        dependencies: [\(SwiftName.literal(target)), \(parallaxProduct("ParallaxTesting"))],
                        swiftSettings: [.enableExperimentalFeature("Lifetimes")]),
                ]
            )

            """
    }
}
