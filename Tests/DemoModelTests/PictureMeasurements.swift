// What a generated picture shows, measured the way Tools/demo-model/measure.py measures it (keep the
// two in step): the nearest named colour of each pixel, the background and object colours, whether
// the object touches the frame, and the high-frequency energy of the red, green and blue planes.
import Imaging

struct PictureMeasurements {
    /// The dataset's eight colours, in the order of Tools/demo-model/dataset.py's COLOURS.
    static let palette: [(name: String, red: Double, green: Double, blue: Double)] = [
        ("red", 220, 40, 40), ("green", 40, 170, 60), ("blue", 40, 70, 220), ("yellow", 240, 215, 40),
        ("purple", 140, 50, 180), ("orange", 245, 140, 30), ("white", 240, 240, 240), ("black", 20, 20, 20),
    ]
    /// RGB distance under which a pixel counts as a named colour.
    static let confidentDistance = 60.0
    /// Fewer confident non-background pixels than this: no object was drawn.
    static let minimumObjectPixels = 12
    /// Object pixels on the outermost ring that make the object "cut by the frame".
    static let minimumBorderPixels = 3

    let width: Int
    let height: Int
    /// Palette index of every pixel, rows top to bottom.
    let classes: [Int]
    /// Distance of every pixel to its palette colour.
    let distances: [Double]
    /// The red, green and blue planes in 0...1.
    let planes: [[Double]]
    /// Sum of each 8-bit channel over the picture.
    private let channelSums: [Double]

    init(_ image: RGBImage) {
        width = image.width
        height = image.height
        var classes = [Int](repeating: 0, count: width * height)
        var distances = [Double](repeating: 0, count: width * height)
        var planes = [[Double]](repeating: [Double](repeating: 0, count: width * height), count: 3)
        var channelSums = [0.0, 0.0, 0.0]
        for index in 0..<(width * height) {
            let red = Double(image.pixels[index * 3])
            let green = Double(image.pixels[index * 3 + 1])
            let blue = Double(image.pixels[index * 3 + 2])
            channelSums[0] += red
            channelSums[1] += green
            channelSums[2] += blue
            var best = 0
            var bestDistance = Double.infinity
            for (k, colour) in Self.palette.enumerated() {
                let d = ((red - colour.red) * (red - colour.red) + (green - colour.green) * (green - colour.green)
                         + (blue - colour.blue) * (blue - colour.blue)).squareRoot()
                if d < bestDistance {
                    best = k
                    bestDistance = d
                }
            }
            classes[index] = best
            distances[index] = bestDistance
            planes[0][index] = red / 255
            planes[1][index] = green / 255
            planes[2][index] = blue / 255
        }
        self.classes = classes
        self.distances = distances
        self.planes = planes
        self.channelSums = channelSums
    }

    /// The mean of channel 0 (red), 1 (green) or 2 (blue), in 0...255.
    func meanChannel(_ channel: Int) -> Double { channelSums[channel] / Double(width * height) }

    /// The most common colour class (the first one on ties, as numpy's argmax).
    var backgroundIndex: Int {
        var counts = [Int](repeating: 0, count: Self.palette.count)
        for c in classes { counts[c] += 1 }
        return Self.argmax(counts)
    }

    var background: String { Self.palette[backgroundIndex].name }

    /// Confident pixels of a colour other than the background.
    var objectMask: [Bool] {
        let background = backgroundIndex
        return zip(classes, distances).map { $0 != background && $1 < Self.confidentDistance }
    }

    /// The dominant colour of the non-background pixels; nil when there are too few of them.
    var objectColour: String? {
        let mask = objectMask
        guard mask.filter({ $0 }).count >= Self.minimumObjectPixels else { return nil }
        var counts = [Int](repeating: 0, count: Self.palette.count)
        for (c, isObject) in zip(classes, mask) where isObject { counts[c] += 1 }
        return Self.palette[Self.argmax(counts)].name
    }

    /// Whether object pixels touch the outermost row or column.
    var isCut: Bool {
        let mask = objectMask
        var border = 0
        for x in 0..<width {
            if mask[x] { border += 1 }
            if mask[(height - 1) * width + x] { border += 1 }
        }
        for y in 1..<(height - 1) {
            if mask[y * width] { border += 1 }
            if mask[y * width + width - 1] { border += 1 }
        }
        return border >= Self.minimumBorderPixels
    }

    /// Mean over the three planes of the squared 4-neighbour Laplacian, interior pixels only (per
    /// plane, so edges between colours of equal brightness count too).
    var highFrequency: Double {
        var sum = 0.0
        for plane in planes {
            for y in 1..<(height - 1) {
                for x in 1..<(width - 1) {
                    let i = y * width + x
                    let laplacian = 4 * plane[i] - plane[i - width] - plane[i + width] - plane[i - 1] - plane[i + 1]
                    sum += laplacian * laplacian
                }
            }
        }
        return sum / Double(3 * (width - 2) * (height - 2))
    }

    private static func argmax(_ counts: [Int]) -> Int {
        var best = 0
        for (k, count) in counts.enumerated() where count > counts[best] { best = k }
        return best
    }
}
