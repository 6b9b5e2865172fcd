import Testing
@testable import TerminalUI

@Suite("What a cluster becomes for ncurses")
struct CursesCellTextTests {
    func pieces(_ cluster: Character) -> [([UInt32], Int)] {
        CursesCellText(cluster: cluster, width: TerminalText.width(of: cluster)).pieces.map {
            ($0.scalars.map(\.value), $0.columns)
        }
    }

    @Test("the columns ncurses advances always equal the layout width")
    func columnsMatchLayout() {
        let samples: [Character] = ["a", "e\u{301}", "漢", "😀", "❤\u{FE0F}", "👨\u{200D}👩\u{200D}👧", "👍🏽", "🇫🇷",
                                    "1\u{FE0F}\u{20E3}", "\u{301}", "\u{1FAE8}", "\u{1100}\u{1161}\u{11A8}"]
        for cluster in samples {
            let text = CursesCellText(cluster: cluster, width: TerminalText.width(of: cluster))
            var sum = 0
            for piece in text.pieces {
                let spacing = piece.scalars.reduce(0) { $0 + max(0, TerminalText.scalarWidth($1)) }
                #expect(spacing == piece.columns, "\(cluster)")
                #expect(piece.scalars.count <= CursesCellText.maximumScalarsPerCell)
                sum += piece.columns
            }
            #expect(sum == TerminalText.width(of: cluster), "\(cluster)")
        }
    }

    @Test("reductions")
    func reductions() {
        #expect(pieces("e\u{301}").map(\.0) == [[0x65, 0x301]])
        #expect(pieces("❤\u{FE0F}").map(\.0) == [[0x2764], [0x20]])            // VS16 dropped, padded
        #expect(pieces("👨\u{200D}👩\u{200D}👧").map(\.0) == [[0x1F468]])        // first emoji of a ZWJ sequence
        #expect(pieces("👍🏽").map(\.0) == [[0x1F44D]])                         // skin tone dropped
        #expect(pieces("🇫🇷").map(\.0) == [[0x1F1EB], [0x1F1F7]])              // two cells the terminal joins
        #expect(pieces("\u{301}").map(\.0) == [[0x20, 0x301]])                 // orphan mark on a space
        #expect(pieces("\u{0378}").map(\.0) == [[0xFFFD]])                     // unassigned: unknown to the C library
    }
}
