/// Something that draws itself into a cell buffer, inside a rect and nowhere else.
public protocol Widget {
    func render(in area: Rect, buffer: inout CellBuffer)
}

/// A widget whose drawing also updates a state kept by its owner (scroll offsets, for example).
public protocol StatefulWidget {
    associatedtype State
    func render(in area: Rect, buffer: inout CellBuffer, state: inout State)
}
