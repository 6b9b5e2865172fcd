// A short identifier of a model's weights, for PNG metadata ("Model hash") and for telling
// whether two loaded components are the same.
import Foundation
import Models

public enum ModelFingerprint {
    /// 16 hex digits of a 64-bit FNV-1a hash over every tensor's name, shape and stored type and
    /// the values of the smallest tensors (biases and norm weights, which every fine-tune moves).
    /// It reads a few kilobytes, not the gigabytes a full-file hash would.
    public static func compute(_ files: any ModelFiles) throws -> String {
        var hash = FNV1a()
        for component in [PipelineComponent.textEncoder, .textEncoder2, .unet, .vae] where files.has(component) {
            let weights = try files.weights(for: component)
            let names = weights.names.sorted()
            hash.add(component.rawValue)
            for name in names {
                hash.add(name)
                hash.add((weights.shape(of: name) ?? []).map(String.init).joined(separator: ","))
                hash.add(weights.storedType(of: name) ?? "")
            }
            let sizes: [(name: String, count: Int)] = names.compactMap { name in
                guard let shape = weights.shape(of: name) else { return nil }
                return (name, shape.reduce(1, *))
            }
            let smallest = sizes.sorted { ($0.count, $0.name) < ($1.count, $1.name) }.prefix(64)
            for entry in smallest {
                for value in try weights.tensor(named: entry.name).scalars { hash.addWord(value.bitPattern) }
            }
        }
        return String(hash.value, radix: 16).leftPadded(to: 16)
    }
}

/// The 64-bit Fowler–Noll–Vo 1a hash.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
        add(0)
    }

    mutating func addWord(_ word: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
