// Fitting a colour to what the terminal can show: 24-bit → 256 → 16 → 8, each step to the
// nearest colour in OKLab distance.

extension TerminalColor {
    /// This colour as the terminal with `capability` can show it. Monochrome keeps the colour
    /// (the backend then ignores colours and relies on attributes).
    public func degraded(to capability: ColorCapability) -> TerminalColor {
        switch (self, capability) {
        case (.terminalDefault, _), (_, .trueColor), (_, .monochrome):
            return self
        case (.rgb(let r, let g, let b), .palette256):
            return .indexed(Self.nearest(OKLab(red: r, green: g, blue: b), among: 16...255))
        case (.indexed, .palette256):
            return self
        case (.indexed(let index), .palette16) where index < 16,
             (.indexed(let index), .palette8) where index < 8:
            return self
        case (.indexed(let index), .palette8) where index < 16:
            return .indexed(index - 8)
        case (.indexed(let index), .palette16), (.indexed(let index), .palette8):
            let color = XtermPalette.rgb(index)
            return TerminalColor.rgb(color.red, color.green, color.blue).degraded(to: capability)
        case (.rgb(let r, let g, let b), .palette16):
            return .indexed(Self.nearest(OKLab(red: r, green: g, blue: b), among: 0...15))
        case (.rgb(let r, let g, let b), .palette8):
            return .indexed(Self.nearest(OKLab(red: r, green: g, blue: b), among: 0...7))
        }
    }

    /// The palette index in `range` closest to `color` (the lowest index on ties).
    static func nearest(_ color: OKLab, among range: ClosedRange<Int>) -> UInt8 {
        var best = range.lowerBound
        var bestDistance = Double.infinity
        for index in range {
            let distance = XtermPalette.oklab[index].squaredDistance(to: color)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return UInt8(best)
    }
}
