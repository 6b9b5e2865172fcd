// JSON coding of the UNet config values that are either one value or a list.

extension SampleSize: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let size = try? container.decode(Int.self) {
            self = .square(size)
            return
        }
        let pair = try container.decode([Int].self)
        guard pair.count == 2 else {
            throw DecodingError.dataCorruptedError(in: container,
                                                   debugDescription: "a list sample_size must be [height, width]")
        }
        self = .rectangle(height: pair[0], width: pair[1])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .square(let size): try container.encode(size)
        case let .rectangle(height, width): try container.encode([height, width])
        }
    }
}

extension PerBlockValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Value.self) {
            self = .uniform(value)
        } else {
            self = .list(try container.decode([Value].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .uniform(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }
}

extension TransformerDepth: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let depth = try? container.decode(Int.self) {
            self = .uniform(depth)
        } else {
            self = .perLayer(try container.decode([Int].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .uniform(let depth): try container.encode(depth)
        case .perLayer(let depths): try container.encode(depths)
        }
    }
}

extension TransformerLayersPerBlock: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let depth = try? container.decode(Int.self) {
            self = .uniform(depth)
        } else {
            self = .perBlock(try container.decode([TransformerDepth].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .uniform(let depth): try container.encode(depth)
        case .perBlock(let depths): try container.encode(depths)
        }
    }
}
