import Foundation
import SafeTensors
import Tensors

/// One kernel's golden cases, written by Tools/make_kernel_fixtures.py with PyTorch.
struct KernelFixture {
    let file: SafeTensorsFile
    /// Case name → its parameters (stride, groups, epsilon, …).
    let cases: [String: [String: Any]]

    init(_ kernel: String) throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/kernels/\(kernel).safetensors")
        file = try SafeTensorsFile(path: url.path)
        let json = Data((file.metadata["cases"] ?? "{}").utf8)
        cases = (try JSONSerialization.jsonObject(with: json) as? [String: [String: Any]]) ?? [:]
    }

    func tensor(_ caseName: String, _ name: String) throws -> Tensor {
        try file.tensor(named: "\(caseName).\(name)")
    }

    func optionalTensor(_ caseName: String, _ name: String) throws -> Tensor? {
        file.names.contains("\(caseName).\(name)") ? try tensor(caseName, name) : nil
    }

    func int(_ caseName: String, _ key: String) -> Int { (cases[caseName]?[key] as? NSNumber)?.intValue ?? 0 }
    func float(_ caseName: String, _ key: String) -> Float { (cases[caseName]?[key] as? NSNumber)?.floatValue ?? 0 }
    func bool(_ caseName: String, _ key: String) -> Bool { (cases[caseName]?[key] as? NSNumber)?.boolValue ?? false }
}

/// max |actual − expected| / max |expected|: the error relative to the output's scale.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    guard actual.shape == expected.shape else { return .infinity }
    var largestDifference: Float = 0, largestValue: Float = 0
    for i in 0..<expected.count {
        let difference = abs(actual[flat: i] - expected[flat: i])
        if difference.isNaN { return .nan }
        largestDifference = max(largestDifference, difference)
        largestValue = max(largestValue, abs(expected[flat: i]))
    }
    return largestDifference / max(largestValue, .leastNormalMagnitude)
}

/// The tolerance for fp32 kernels against PyTorch.
let kernelTolerance: Float = 1e-5
