import Imaging
import Testing
@testable import TerminalUI

/// A minimal sixel reader for checking the encoder: colour definitions (`#n;2;r;g;b`, in
/// percent), colour selection, repeats (`!n`), carriage return (`$`), next band (`-`).
struct SixelReader {
    var width = 0
    var height = 0
    var registers: [Int: (Int, Int, Int)] = [:]
    var pixels: [Int: [Int: Int]] = [:]   // y → x → register

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "q") { index += 1 }
        index += 1
        var color = 0, x = 0, band = 0
        func number() -> Int {
            var value = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            return value
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):   // raster attributes: Pan;Pad;Ph;Pv
                index += 1
                _ = number(); index += 1; _ = number(); index += 1
                width = number(); index += 1; height = number()
            case UInt8(ascii: "#"):
                index += 1
                let register = number()
                if index < bytes.count, bytes[index] == UInt8(ascii: ";") {
                    index += 1; _ = number(); index += 1
                    let r = number(); index += 1
                    let g = number(); index += 1
                    let b = number()
                    registers[register] = (r, g, b)
                }
                color = register
            case UInt8(ascii: "!"):
                index += 1
                let count = number()
                let sixel = Int(bytes[index]) - 63
                for _ in 0..<count { paint(sixel, x: x, band: band, color: color); x += 1 }
                index += 1
            case UInt8(ascii: "$"):
                x = 0; index += 1
            case UInt8(ascii: "-"):
                x = 0; band += 1; index += 1
            case 63...126:
                paint(Int(byte) - 63, x: x, band: band, color: color); x += 1; index += 1
            default:
                index += 1
            }
        }
    }

    mutating func paint(_ sixel: Int, x: Int, band: Int, color: Int) {
        for bit in 0..<6 where sixel & (1 << bit) != 0 {
            pixels[band * 6 + bit, default: [:]][x] = color
        }
    }

    func color(x: Int, y: Int) -> (Int, Int, Int)? {
        guard let register = pixels[y]?[x] else { return nil }
        return registers[register]
    }
}

@Suite("Sixel encoding, placement and detection")
struct SixelTests {
    func twoColourImage() throws -> RGBImage {
        var image = try RGBImage(width: 8, height: 6, red: 255, green: 0, blue: 0)
        for y in 0..<6 { for x in 4..<8 { image.setPixel(x: x, y: y, red: 0, green: 0, blue: 255) } }
        return image
    }

    @Test("the envelope: DCS … q, ST")
    func envelope() throws {
        let bytes = try SixelEncoder.encode(try twoColourImage())
        #expect(Array(bytes.prefix(2)) == [0x1B, UInt8(ascii: "P")])
        let introducer = try #require(bytes.firstIndex(of: UInt8(ascii: "q")))
        #expect(introducer < 12)
        #expect(Array(bytes.suffix(2)) == [0x1B, UInt8(ascii: "\\")])
        #expect(!bytes.contains(where: { $0 >= 0x80 }))
    }

    @Test("a two-colour picture gets two registers and decodes back")
    func twoColours() throws {
        let image = try twoColourImage()
        let before = image.pixels
        let bytes = try SixelEncoder.encode(image)
        #expect(image.pixels == before, "the caller's pixels must survive (sixel_encode writes into its input)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("#0;2;100;0;0#1;2;0;0;100"), "\(text)")
        let reader = SixelReader(bytes)
        #expect(reader.registers.count == 2)
        #expect(reader.width == 8 && reader.height == 6)
        for y in 0..<6 {
            for x in 0..<8 {
                let expected = x < 4 ? (100, 0, 0) : (0, 0, 100)
                let found = reader.color(x: x, y: y)
                #expect(found.map { $0 == expected } == true, "pixel (\(x), \(y)) is \(String(describing: found))")
            }
        }
    }

    @Test("up to 256 colours are kept exactly")
    func exactColours() throws {
        var pixels: [UInt8] = []
        for y in 0..<12 { for x in 0..<16 { pixels += [UInt8(x * 16), UInt8(y * 20), 128] } }
        let image = try RGBImage(width: 16, height: 12, pixels: pixels)
        let reader = SixelReader(try SixelEncoder.encode(image))
        #expect(reader.registers.count == 192)
        for y in 0..<12 {
            for x in 0..<16 {
                let found = try #require(reader.color(x: x, y: y))
                let expected = try #require(image.pixel(x: x, y: y))
                // Registers are percentages: the round trip is exact to 255/100/2.
                #expect(abs(found.0 * 255 - Int(expected.red) * 100) <= 128)
                #expect(abs(found.1 * 255 - Int(expected.green) * 100) <= 128)
                #expect(abs(found.2 * 255 - Int(expected.blue) * 100) <= 128)
            }
        }
    }

    @Test("a picture with many colours is quantized with a small error")
    func manyColours() throws {
        var pixels: [UInt8] = []
        for y in 0..<64 { for x in 0..<64 { pixels += [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2)] } }
        let image = try RGBImage(width: 64, height: 64, pixels: pixels)
        let reader = SixelReader(try SixelEncoder.encode(image))
        #expect(reader.registers.count > 16 && reader.registers.count <= 256)
        var total = 0, worst = 0
        for y in 0..<64 {
            for x in 0..<64 {
                let found = try #require(reader.color(x: x, y: y))
                let expected = try #require(image.pixel(x: x, y: y))
                for (a, b) in [(found.0, expected.red), (found.1, expected.green), (found.2, expected.blue)] {
                    let error = abs(a * 255 / 100 - Int(b))
                    total += error
                    worst = max(worst, error)
                }
            }
        }
        let mean = Double(total) / Double(64 * 64 * 3)
        print("sixel quantization: mean error \(mean), worst \(worst), registers \(reader.registers.count)")
        #expect(mean < 12)
    }

    @Test("placement and erasing sequences")
    func placement() {
        #expect(SixelPlacement.moveCursor(row: 2, column: 4) == Array("\u{1B}[3;5H".utf8))
        #expect(SixelPlacement.drawSequence(sixel: [1, 2], row: 0, column: 0) == Array("\u{1B}7\u{1B}[1;1H".utf8) + [1, 2] + Array("\u{1B}8".utf8))
        #expect(SixelPlacement.eraseSequence(Rect(x: 1, y: 2, width: 3, height: 2))
                == Array("\u{1B}7\u{1B}[0m\u{1B}[3;2H   \u{1B}[4;2H   \u{1B}8".utf8))
        #expect(SixelPlacement.eraseSequence(.zero).isEmpty)
    }

    @Test("pixel sizes stay inside the cells and off the last row")
    func pixelSizes() throws {
        let inside = try #require(SixelPlacement.pixelSize(imageWidth: 512, imageHeight: 512, area: Rect(x: 0, y: 2, width: 20, height: 10),
                                                           screenRows: 24, cellWidth: 10, cellHeight: 20))
        #expect(inside == (198, 198))
        let nearBottom = try #require(SixelPlacement.pixelSize(imageWidth: 512, imageHeight: 512, area: Rect(x: 0, y: 20, width: 20, height: 10),
                                                               screenRows: 24, cellWidth: 10, cellHeight: 20))
        #expect(nearBottom.height <= 3 * 20 && nearBottom.height % 6 == 0)
        #expect(SixelPlacement.pixelSize(imageWidth: 5, imageHeight: 5, area: Rect(x: 0, y: 23, width: 5, height: 1),
                                         screenRows: 24, cellWidth: 10, cellHeight: 20) == nil)
    }

    @Test("DA1 replies", arguments: [
        ("\u{1B}[?63;1;2;3;4;6;9;15;16;22;29c", true),     // xterm -ti vt340
        ("\u{1B}[?62;1;2;6;9;15;22c", false),              // no sixel
        ("\u{1B}[?1;2c", false),                           // VT100 with options: not a feature list
        ("\u{1B}[?1;4c", false),
        ("\u{9B}?64;4c", true),                            // 8-bit CSI
        ("typed\u{1B}[?65;1;4c", true),                    // keys typed before the reply
        ("\u{1B}[?4c", false),                            // 4 as the device class is not a feature
    ] as [(String, Bool)])
    func da1(_ reply: String, _ sixel: Bool) throws {
        let bytes: [UInt8] = reply.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let attributes = try #require(DeviceAttributes.parse(bytes))
        #expect(attributes.supportsSixel == sixel)
    }

    @Test("incomplete and foreign replies are not DA1")
    func notDA1() {
        for reply in ["\u{1B}[?63;4", "\u{1B}[?c", "\u{1B}[>0;95;0c", "\u{1B}[63;4c", "", "\u{1B}[?6x3;4c"] {
            #expect(DeviceAttributes.parse(Array(reply.utf8)) == nil, "\(reply.debugDescription)")
        }
        #expect(DeviceAttributes.parse(Array("\u{1B}[?63;;4c".utf8))?.parameters == [63, 0, 4])
    }
}
