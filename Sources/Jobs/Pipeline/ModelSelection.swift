/// Which models a generation uses: where the base model is, and the refiner when there is one
/// (a folder, a checkpoint file or a cache name: whatever the host's loader understands).
public struct ModelSelection: Hashable, Sendable, Codable {
    public var base: String
    public var refiner: String?

    public init(base: String, refiner: String? = nil) {
        self.base = base
        self.refiner = refiner
    }
}
