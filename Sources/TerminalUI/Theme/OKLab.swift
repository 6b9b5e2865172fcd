// OKLab (Björn Ottosson, 2020, https://bottosson.github.io/posts/oklab/): a perceptual colour
// space in which straight-line distance follows seen difference well enough to pick the
// nearest palette colour.

import Foundation

struct OKLab: Hashable, Sendable {
    var lightness: Double
    var a: Double
    var b: Double

    init(red: UInt8, green: UInt8, blue: UInt8) {
        let r = Self.linear(red), g = Self.linear(green), bl = Self.linear(blue)
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl)
        lightness = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s
        a = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s
        b = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
    }

    /// sRGB transfer function undone: 0…255 to linear light 0…1.
    static func linear(_ channel: UInt8) -> Double {
        let value = Double(channel) / 255
        return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }

    func squaredDistance(to other: OKLab) -> Double {
        let dl = lightness - other.lightness, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }
}
