import Imaging
import TerminalUI

/// The pictures the preview pane shows now, resolved by the app (the running job's newest
/// preview, or a finished job's files read back).
public struct PreviewPictures: Sendable {
    /// The job's picture: its newest preview, or its finished image.
    public var main: RGBImage?
    /// The base image of a refined job, for the compare view.
    public var base: RGBImage?

    public init(main: RGBImage? = nil, base: RGBImage? = nil) {
        self.main = main
        self.base = base
    }
}

/// A picture the app writes as sixel data over `rect` after drawing the frame.
public struct SixelSlot: Sendable {
    public var rect: Rect
    public var image: RGBImage
}
