// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the package default; these add the
/// upcoming features the style guide asks for and the span-returning accessors the element API uses.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableExperimentalFeature("Lifetimes"),
]

let package = Package(
    name: "Parallax",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Parallax", targets: ["Parallax"]),
        .library(name: "ParallaxCore", targets: ["ParallaxCore"]),
        .library(name: "ParallaxTesting", targets: ["ParallaxTesting"]),
        .library(name: "ParallaxSandbox", targets: ["ParallaxSandbox"]),
        .library(name: "ParallaxZenoh", targets: ["ParallaxZenoh"]),
        .library(name: "ParallaxPlugin", targets: ["ParallaxPlugin"]),
        .library(name: "BrightnessPlugin", type: .dynamic, targets: ["BrightnessPlugin"]),
        .library(name: "InvertPlugin", type: .dynamic, targets: ["InvertPlugin"]),
        .executable(name: "parallax-launch", targets: ["parallax-launch"]),
        .executable(name: "parallax-element-host", targets: ["parallax-element-host"]),
        .executable(name: "parallax-gen", targets: ["parallax-gen"]),
    ],
    /// Feature sets an embedded build can leave out (`swift build --disable-default-traits`, or
    /// `.package(url:…, traits: [])` in a dependent package); the default build has all of them.
    traits: [
        .default(enabledTraits: ["AV1", "Network", "Vulkan", "Zenoh"]),
        .trait(name: "AV1", description: "The AV1 codecs av1dec (libdav1d) and av1enc (librav1e)"),
        .trait(
            name: "Network",
            description: "Socket and RTP elements: udpsrc, udpsink, the tcp elements, RTP payloaders and the jitter buffer"),
        .trait(
            name: "Vulkan",
            description: "GPU memory and compute elements on Vulkan (libvulkan): vulkanupload, vulkandownload, vulkanconvert, vulkanscale"),
        .trait(name: "Zenoh", description: "zenoh_pub and zenoh_sub, on the native Zenoh client ParallaxZenoh"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(name: "CParallaxLinux"),
        .target(name: "CParallaxPlugin"),
        .systemLibrary(name: "CSeccomp", pkgConfig: "libseccomp", providers: [.apt(["libseccomp-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CDav1d", pkgConfig: "dav1d", providers: [.apt(["libdav1d-dev"])]),
        .systemLibrary(name: "CRav1e", pkgConfig: "rav1e", providers: [.apt(["librav1e-dev"])]),
        .systemLibrary(name: "CVulkan", pkgConfig: "vulkan", providers: [.apt(["libvulkan-dev"])]),
        .target(name: "ParallaxCore", swiftSettings: strict),
        .target(name: "ParallaxParse", dependencies: ["ParallaxCore"], swiftSettings: strict),
        .target(name: "ParallaxRuntime", dependencies: ["ParallaxCore", "CParallaxLinux"], swiftSettings: strict),
        .target(
            name: "ParallaxElements",
            dependencies: [
                "ParallaxCore", "ParallaxRuntime", "CParallaxLinux", "CZlib",
                .target(name: "CDav1d", condition: .when(traits: ["AV1"])),
                .target(name: "CRav1e", condition: .when(traits: ["AV1"])),
                .target(name: "ParallaxZenoh", condition: .when(traits: ["Zenoh"])),
                .target(name: "ParallaxVulkan", condition: .when(traits: ["Vulkan"])),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ParallaxSandbox",
            dependencies: [
                "ParallaxCore", "ParallaxRuntime", "ParallaxElements", "CParallaxLinux", "CParallaxPlugin", "CSeccomp",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Parallax",
            dependencies: ["ParallaxCore", "ParallaxParse", "ParallaxRuntime", "ParallaxElements"],
            swiftSettings: strict
        ),
        .target(name: "ParallaxTesting", dependencies: ["Parallax"], swiftSettings: strict),
        .target(name: "ParallaxVulkan", dependencies: ["ParallaxCore", "CVulkan"], swiftSettings: strict),
        .target(
            name: "ParallaxZenoh", dependencies: ["ParallaxCore", "ParallaxRuntime", "CParallaxLinux"],
            swiftSettings: strict),
        .executableTarget(
            name: "parallax-launch",
            dependencies: [
                "Parallax", "ParallaxSandbox", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                // Built with it: parallax-launch runs isolated elements in the stock host beside it.
                "parallax-element-host",
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "parallax-element-host", dependencies: ["Parallax", "ParallaxSandbox"], swiftSettings: strict),
        .target(
            name: "ParallaxGenKit", dependencies: ["Parallax", .product(name: "Yams", package: "Yams")],
            path: "Generators/ParallaxGenKit", swiftSettings: strict),
        .executableTarget(
            name: "parallax-gen",
            dependencies: [
                "ParallaxGenKit", "ParallaxSandbox", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Generators/parallax-gen", swiftSettings: strict),
        .target(name: "ParallaxPlugin", dependencies: ["ParallaxCore", "CParallaxPlugin"], swiftSettings: strict),
        .target(name: "BrightnessPlugin", dependencies: ["ParallaxPlugin"], path: "Examples/BrightnessPlugin",
                swiftSettings: strict),
        .target(name: "InvertPlugin", dependencies: ["CParallaxPlugin"], path: "Examples/InvertPlugin"),
        .executableTarget(name: "brightness-example", dependencies: ["Parallax"], path: "Examples/Brightness",
                          swiftSettings: strict),
        .executableTarget(name: "typed-pipeline-example", dependencies: ["Parallax"], path: "Examples/TypedPipeline",
                          swiftSettings: strict),
        .executableTarget(name: "frames-in-out-example", dependencies: ["Parallax"], path: "Examples/FramesInOut",
                          swiftSettings: strict),

        .testTarget(name: "ParallaxCoreTests", dependencies: ["ParallaxCore"], swiftSettings: strict),
        .testTarget(name: "ParallaxParseTests", dependencies: ["ParallaxParse", "ParallaxElements"], swiftSettings: strict),
        .testTarget(name: "ParallaxRuntimeTests", dependencies: ["ParallaxRuntime", "CParallaxLinux"], swiftSettings: strict),
        .testTarget(name: "ParallaxElementsTests", dependencies: ["Parallax", "ParallaxTesting"], swiftSettings: strict),
        .testTarget(name: "ParallaxTestingTests", dependencies: ["ParallaxTesting"], swiftSettings: strict),
        .testTarget(
            name: "ParallaxVulkanTests", dependencies: ["ParallaxVulkan", "Parallax", "ParallaxTesting"],
            swiftSettings: strict),
        .testTarget(name: "ParallaxZenohTests", dependencies: ["ParallaxZenoh", "parallax-launch"], swiftSettings: strict),
        .testTarget(
            name: "ParallaxSandboxTests",
            dependencies: ["ParallaxSandbox", "ParallaxParse", "CParallaxLinux", "parallax-element-host"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ParallaxGenTests", dependencies: ["ParallaxGenKit", "ParallaxTesting", "ParallaxSandbox", "parallax-gen"],
            swiftSettings: strict),
        .testTarget(
            name: "ParallaxLaunchTests",
            dependencies: [
                "Parallax", "parallax-launch", "brightness-example", "typed-pipeline-example", "frames-in-out-example",
            ],
            swiftSettings: strict
        ),
    ]
)
