// swift-tools-version:6.0
// sdxl: Stable Diffusion XL in the terminal. See README.md and ../DESIGN notes for the architecture.
import PackageDescription

/// Hot numerical code: no overflow/bounds traps in release, and AVX2/FMA on x86_64
/// (Swift's default x86-64 code generation is SSE2 only, which makes Float16 conversion a library call).
let fastMath: [SwiftSetting] = {
    var settings: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
    #if arch(x86_64)
    settings.append(.unsafeFlags(["-target-cpu", "haswell", "-Xcc", "-march=haswell"]))
    #endif
    return settings
}()

let package = Package(
    name: "sdxl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sdxl", targets: ["sdxl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each behind a module map and a shim of static inline wrappers.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CSixel", pkgConfig: "libsixel",
                       providers: [.apt(["libsixel-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),

        // The engine.
        .target(name: "Tensors", dependencies: ["CBLAS"], swiftSettings: fastMath),
        .target(name: "SafeTensors", dependencies: ["Tensors"], swiftSettings: fastMath),
        .target(name: "Models", dependencies: ["Tensors", "SafeTensors"],
                resources: [.copy("Resources")], swiftSettings: fastMath),
        .target(name: "Imaging", dependencies: ["CPNG"], swiftSettings: fastMath),
        .target(name: "Jobs", dependencies: ["Imaging", "StableDiffusionXL", "Models", "Tensors"],
                swiftSettings: fastMath),
        .target(name: "TerminalUI", dependencies: ["CNCurses", "CSixel", "Imaging"]),
        // The TUI application: state, panels, presets and the loop that drives the job queue.
        .target(name: "Studio", dependencies: ["TerminalUI", "Jobs", "StableDiffusionXL", "Imaging", "Schedulers",
                                               "CLIPTokenizer", "Models"]),
        .target(name: "StableDiffusionXL",
                dependencies: ["Tensors", "Models", "Schedulers", "CLIPTokenizer", "Imaging"],
                swiftSettings: fastMath),
        .target(name: "CLIPTokenizer", resources: [.copy("Resources/merges.txt")]),
        .target(name: "Schedulers", dependencies: ["Tensors"], swiftSettings: fastMath),

        // The program.
        .executableTarget(
            name: "sdxl",
            dependencies: [
                "Tensors", "SafeTensors", "Models", "Schedulers", "Imaging", "StableDiffusionXL", "Jobs", "TerminalUI", "Studio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fastMath),

        // Development aid: runs the ncurses backend inside tmux and xterm for TerminalUITests.
        .executableTarget(name: "TerminalUISmoke", dependencies: ["TerminalUI", "Imaging"]),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "SafeTensors"],
                    ),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors", "Tensors"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelLoadingTests", dependencies: ["Models", "SafeTensors", "Tensors"]),
        .testTarget(name: "UNetTests", dependencies: ["Models", "SafeTensors", "Tensors"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "VAETests", dependencies: ["Models", "Tensors", "SafeTensors", "Schedulers"]),
        .testTarget(name: "CLIPModelTests", dependencies: ["Models", "SafeTensors", "Tensors"]),
        .testTarget(name: "SchedulersTests", dependencies: ["Schedulers", "Tensors"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CLIPTokenizerTests", dependencies: ["CLIPTokenizer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StableDiffusionXLTests",
                    dependencies: ["StableDiffusionXL", "Models", "Schedulers", "CLIPTokenizer", "Imaging",
                                   "SafeTensors", "Tensors"]),
        .testTarget(name: "JobsTests",
                    dependencies: ["Jobs", "Imaging", "Tensors", "StableDiffusionXL", "Models", "SafeTensors",
                                   "Schedulers", "CLIPTokenizer"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["sdxl", "Imaging", "ProcessHarness"]),
        // Starting, driving and stopping real programs (the sdxl binary, tmux, Xvfb, xterm) in tests.
        .target(name: "ProcessHarness", path: "Tests/ProcessHarness"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "CNCurses", "TerminalUISmoke", "Imaging",
                                                            "ProcessHarness"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RobustnessTests",
                    dependencies: ["sdxl", "Models", "SafeTensors", "Imaging", "StableDiffusionXL",
                                   "CLIPTokenizer", "Tensors", "TerminalUI", "ProcessHarness"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "TerminalUI", "Jobs", "StableDiffusionXL", "Imaging",
                                                        "Schedulers", "ProcessHarness", "sdxl"]),
        .testTarget(name: "TinyAutoencoderTests", dependencies: ["Models", "SafeTensors", "Tensors"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DemoModelTests", dependencies: ["StableDiffusionXL", "Models", "Imaging", "Tensors"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"], resources: [.copy("Fixtures")]),
    ]
)
