import Foundation
import Testing
@testable import CLIPTokenizer

/// unicode.json: what the reference's regex engine, Lowercase and NFC do to every Unicode scalar.
struct UnicodeTables: Decodable {
    let reference: String
    let letter: [[UInt32]]
    let number: [[UInt32]]
    let whitespace: [UInt32]
    let lowercase: [String: [UInt32]]
    let nfc: [String: [UInt32]]
    let nfcSequences: [[String]]
}

/// The character tables of the Swift runtime, corrected where needed, agree with the reference for
/// every Unicode scalar.
@Suite struct UnicodeParityTests {
    static let tables: Result<UnicodeTables, any Error> = Result { try Fixtures.decode(UnicodeTables.self, from: "unicode.json") }

    static var allScalars: [Unicode.Scalar] {
        (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init)
    }

    static func scalarText(_ values: [UInt32]) -> String {
        String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    @Test func splitPatternClassesMatchForEveryScalar() throws {
        let tables = try Self.tables.get()
        var expected = [UInt32: ScalarClass]()
        for range in tables.letter { for value in range[0]...range[1] { expected[value] = .letter } }
        for range in tables.number { for value in range[0]...range[1] { expected[value] = .number } }
        for value in tables.whitespace { expected[value] = .whitespace }
        var differences = [String]()
        for scalar in Self.allScalars where ScalarClass(scalar) != expected[scalar.value, default: .other] {
            differences.append("U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        #expect(differences.isEmpty, "\(differences.count) scalars differ: \(differences.prefix(20))")
        #expect(expected.values.filter { $0 == .whitespace }.count == 25)
    }

    @Test func lowercaseMatchesForEveryScalar() throws {
        let tables = try Self.tables.get()
        var differences = [String]()
        for scalar in Self.allScalars {
            var lowered = [Unicode.Scalar]()
            TextNormalizer.appendLowercase(of: scalar, to: &lowered)
            let expected = tables.lowercase[String(scalar.value)] ?? [scalar.value]
            if lowered.map(\.value) != expected { differences.append("U+\(String(scalar.value, radix: 16, uppercase: true))") }
        }
        #expect(differences.isEmpty, "\(differences.count) scalars differ: \(differences.prefix(20))")
    }

    @Test func canonicalCompositionMatchesForEveryScalar() throws {
        let tables = try Self.tables.get()
        var differences = [String]()
        // Scalars separated by U+0000, which neither composes nor reorders with anything.
        let scalars = Self.allScalars.filter { $0.value != 0 }
        for start in stride(from: 0, to: scalars.count, by: 4096) {
            let chunk = scalars[start..<min(start + 4096, scalars.count)]
            var input = [Unicode.Scalar]()
            for scalar in chunk { input.append(scalar); input.append("\u{0}") }
            let pieces = CanonicalComposition.compose(input[...]).split(separator: "\u{0}", omittingEmptySubsequences: false)
            for (scalar, piece) in zip(chunk, pieces) where piece.map(\.value) != tables.nfc[String(scalar.value)] ?? [scalar.value] {
                differences.append("U+\(String(scalar.value, radix: 16, uppercase: true))")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) scalars differ: \(differences.prefix(20))")
    }

    @Test func canonicalCompositionMatchesForSequences() throws {
        let tables = try Self.tables.get()
        #expect(tables.nfcSequences.count > 1500)
        var differences = [String]()
        for pair in tables.nfcSequences {
            let composed = CanonicalComposition.compose(Array(pair[0].unicodeScalars)[...])
            if composed != Array(pair[1].unicodeScalars) {
                differences.append(pair[0].unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(differences.isEmpty, "\(differences.count) sequences differ: \(differences.prefix(10))")
    }

    @Test func normalizerCollapsesWhitespaceAndLowercasesPerScalar() {
        let normalized = TextNormalizer.normalize(Array("  ΟΔΟΣ\t\u{3000}İ\r\ncafe\u{301} ".unicodeScalars)[...])
        // No final sigma, İ keeps its dot as U+0307, é composed, every whitespace run one space.
        #expect(String(String.UnicodeScalarView(normalized)) == " οδοσ i\u{307} café ")
    }
}
