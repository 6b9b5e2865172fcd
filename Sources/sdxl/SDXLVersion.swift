/// The program's version, written into every image it makes.
enum SDXLVersion {
    static let current = "0.1.0"
}
