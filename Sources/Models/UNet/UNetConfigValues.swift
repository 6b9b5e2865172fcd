// The value shapes diffusers 0.42.1 accepts for UNet config keys that may be written more than
// one way (diffusers/models/unets/unet_2d_condition.py `__init__` type hints and `_check_config`).

/// `sample_size`: one number, or (height, width).
public enum SampleSize: Sendable, Equatable {
    case square(Int)
    case rectangle(height: Int, width: Int)

    public var height: Int {
        switch self {
        case .square(let size): size
        case .rectangle(let height, _): height
        }
    }

    public var width: Int {
        switch self {
        case .square(let size): size
        case .rectangle(_, let width): width
        }
    }
}

/// A per-block setting written either once for every block or as a list with one entry per block.
public enum PerBlockValue<Value: Sendable & Equatable & Codable>: Sendable, Equatable {
    case uniform(Value)
    case list([Value])

    /// One value per block, or nil when a list has another length than `count`.
    public func perBlock(_ count: Int) -> [Value]? {
        switch self {
        case .uniform(let value): Array(repeating: value, count: count)
        case .list(let values): values.count == count ? values : nil
        }
    }
}

/// The transformer depth of one block: one depth for every attention layer in it, or one per layer.
public enum TransformerDepth: Sendable, Equatable {
    case uniform(Int)
    case perLayer([Int])

    /// The depth of each of `layers` layers; nil when a list is shorter. As in diffusers, a longer
    /// list is read only as far as the block has layers.
    public func perLayer(_ layers: Int) -> [Int]? {
        switch self {
        case .uniform(let depth): Array(repeating: depth, count: layers)
        case .perLayer(let depths): depths.count >= layers ? Array(depths.prefix(layers)) : nil
        }
    }

    /// diffusers' middle block has one attention layer and reads the first entry of a list.
    var first: Int? {
        switch self {
        case .uniform(let depth): depth
        case .perLayer(let depths): depths.first
        }
    }

    var isList: Bool {
        if case .perLayer = self { return true }
        return false
    }
}

/// `transformer_layers_per_block`: one depth for the whole UNet, or one entry per down block.
public enum TransformerLayersPerBlock: Sendable, Equatable {
    case uniform(Int)
    case perBlock([TransformerDepth])
}
