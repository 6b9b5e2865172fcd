import Testing
@testable import SafeTensors

/// The vectorised conversions, checked exhaustively against decodings written from the formats'
/// definitions (see TestSupport.swift), and at unaligned addresses.
@Suite struct HalfConversionTests {
    /// All 65536 bit patterns, then 7 more so the scalar tail runs too.
    static let allPatterns: [UInt16] = (0...UInt16.max).map { $0 } + [0x3C00, 0x8000, 0x0001, 0x7C00, 0xFC00, 0x7E00, 0x03FF]

    @Test func widenFloat16MatchesTheDefinitionForEveryPattern() {
        let patterns = Self.allPatterns
        var output = [Float](repeating: -1, count: patterns.count)
        patterns.withUnsafeBytes { source in
            output.withUnsafeMutableBufferPointer {
                HalfConversion.widenFloat16(source.baseAddress!, count: patterns.count, into: $0.baseAddress!)
            }
        }
        let mismatches = patterns.indices.filter { !sameFloat(output[$0], float16Value(bits: patterns[$0])) }
        #expect(mismatches.count == 0, "first mismatch at pattern \(mismatches.first.map { patterns[$0] } ?? 0)")
        // Spot checks with values written out by hand.
        #expect(output[0x0001] == 0x1p-24)  // smallest subnormal
        #expect(output[0x03FF] == 1023 * 0x1p-24)  // largest subnormal
        #expect(output[0x0400] == 0x1p-14)  // smallest normal
        #expect(output[0x7BFF] == 65504)
        #expect(output[0x7C00] == .infinity && output[0xFC00] == -.infinity)
        #expect(output[0x8000].bitPattern == 0x8000_0000)  // -0
        #expect(output[0x7E00].isNaN && output[0xFE01].isNaN)
        #expect(output[0x3555] == 0.333251953125)
    }

    @Test func widenBFloat16MatchesTheDefinitionForEveryPattern() {
        let patterns = Self.allPatterns
        var output = [Float](repeating: -1, count: patterns.count)
        patterns.withUnsafeBytes { source in
            output.withUnsafeMutableBufferPointer {
                HalfConversion.widenBFloat16(source.baseAddress!, count: patterns.count, into: $0.baseAddress!)
            }
        }
        let mismatches = patterns.indices.filter { !sameFloat(output[$0], bfloat16Value(bits: patterns[$0])) }
        #expect(mismatches.count == 0, "first mismatch at pattern \(mismatches.first.map { patterns[$0] } ?? 0)")
        #expect(output[0x0001] == 0x1p-133)
        #expect(output[0x3F80] == 1 && output[0xC000] == -2)
        #expect(output[0x7F7F] == 0x1.FEp127)
        #expect(output[0x7F80] == .infinity && output[0x8000].bitPattern == 0x8000_0000)
        #expect(output[0x7FC0].isNaN)
    }

    @Test func widenReadsFromOddAddresses() {
        // One leading byte puts every 16-bit value at an odd address.
        let values: [UInt16] = (0..<37).map { UInt16(0x3C00 + $0 * 3) }
        let bytes = [0xAB] + littleEndianBytes(values)
        var halves = [Float](repeating: 0, count: values.count)
        var brains = [Float](repeating: 0, count: values.count)
        bytes.withUnsafeBytes { raw in
            let source = raw.baseAddress! + 1
            halves.withUnsafeMutableBufferPointer { HalfConversion.widenFloat16(source, count: values.count, into: $0.baseAddress!) }
            brains.withUnsafeMutableBufferPointer { HalfConversion.widenBFloat16(source, count: values.count, into: $0.baseAddress!) }
        }
        #expect(halves == values.map { float16Value(bits: $0) })
        #expect(brains == values.map { bfloat16Value(bits: $0) })
    }

    @Test func narrowingRoundsToNearestEven() {
        // Ties between two halves go to the even one; the largest half is 65504, and 65520 is the
        // first value that rounds to infinity.
        let inputs: [Float] = [1 + 0x1p-11, 1 + 3 * 0x1p-11, 65519.99, 65520, 0x1p-25, 0x1.8p-25, 0x1p-26, -0.0,
                               .infinity, 1 + 0x1p-8, 1 + 3 * 0x1p-8, 0x1.FFFFFEp127]
        let expectedHalf: [UInt16] = [0x3C00, 0x3C02, 0x7BFF, 0x7C00, 0x0000, 0x0001, 0x0000, 0x8000,
                                      0x7C00, 0x3C04, 0x3C0C, 0x7C00]
        let expectedBrain: [UInt16] = [0x3F80, 0x3F80, 0x4780, 0x4780, 0x3300, 0x3340, 0x3280, 0x8000,
                                       0x7F80, 0x3F80, 0x3F82, 0x7F80]
        #expect(narrow(inputs, HalfConversion.narrowToFloat16) == expectedHalf)
        #expect(narrow(inputs, HalfConversion.narrowToBFloat16) == expectedBrain)
        let nan = narrow([.nan, -.nan, Float(bitPattern: 0x7F80_0001)] + Array(repeating: 1, count: 16),
                         HalfConversion.narrowToBFloat16)
        #expect(nan.prefix(3) == [0x7FC0, 0x7FC0, 0x7FC0])
    }

    @Test func narrowingVectorAndScalarPathsAgree() {
        // 16·k values take the vector loop, the rest the scalar tail: the same inputs in both places.
        let inputs: [Float] = (0..<40).map { Float($0) * 1.37e-3 - 0.02 } + [.nan, 65519.99, 0x1.8p-25]
        let doubled = inputs + inputs
        for narrowing in [HalfConversion.narrowToFloat16, HalfConversion.narrowToBFloat16] {
            let all = narrow(doubled, narrowing)
            let one = inputs.map { narrow([$0], narrowing)[0] }
            #expect(Array(all[..<inputs.count]) == one)
            #expect(Array(all[inputs.count...]) == one)
        }
    }

    private func narrow(_ values: [Float],
                        _ conversion: (UnsafePointer<Float>, Int, UnsafeMutableRawPointer) -> Void) -> [UInt16] {
        var bits = [UInt16](repeating: 0xFFFF, count: values.count)
        values.withUnsafeBufferPointer { input in
            bits.withUnsafeMutableBytes { conversion(input.baseAddress!, values.count, $0.baseAddress!) }
        }
        return bits
    }
}
