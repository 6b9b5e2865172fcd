/// The RGB values of the xterm 256-colour palette: xterm's default 16 colours, the 6×6×6 cube
/// (levels 0, 95, 135, 175, 215, 255) and the 24-step grey ramp (8, 18, …, 238).
public enum XtermPalette {
    public typealias RGB = (red: UInt8, green: UInt8, blue: UInt8)

    static let basic: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    public static func rgb(_ index: UInt8) -> RGB {
        let value = Int(index)
        if value < 16 { return basic[value] }
        if value < 232 {
            let cube = value - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
        let grey = UInt8(8 + (value - 232) * 10)
        return (grey, grey, grey)
    }

    /// Every palette entry in OKLab, computed once.
    static let oklab: [OKLab] = (0...255).map { index in
        let color = rgb(UInt8(index))
        return OKLab(red: color.red, green: color.green, blue: color.blue)
    }
}
