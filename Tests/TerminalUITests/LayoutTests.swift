import Testing
@testable import TerminalUI

@Suite("Rect layout")
struct LayoutTests {
    /// The application's three-pane shape: editor | sliders | preview, over a status bar.
    func appLayout(_ screen: Rect) -> (left: Rect, middle: Rect, right: Rect, status: Rect) {
        let rows = screen.split(.vertical, [.fill(1), .length(1)])
        let columns = rows[0].split(.horizontal, [.percentage(35), .min(28), .percentage(35)])
        return (columns[0], columns[1], columns[2], rows[1])
    }

    @Test("panes tile the screen exactly", arguments: [(80, 24), (120, 40), (200, 60), (30, 8), (10, 3), (1, 1), (0, 0)])
    func tiling(_ width: Int, _ height: Int) {
        let screen = Rect(width: width, height: height)
        let layout = appLayout(screen)
        let panes = [layout.left, layout.middle, layout.right]
        #expect(panes.map(\.width).reduce(0, +) == width)
        #expect(layout.status.height == min(1, height))
        #expect(layout.left.height + layout.status.height == height)
        for pane in panes + [layout.status] { #expect(screen.contains(pane)) }
        // Left to right without gaps or overlaps.
        #expect(layout.middle.x == layout.left.maxX)
        #expect(layout.right.x == layout.middle.maxX)
    }

    @Test("sizes at the three standard terminal sizes")
    func standardSizes() {
        let small = appLayout(Rect(width: 80, height: 24))
        // 80 columns: 35 % = 28 twice and a minimum of 28 ask for 84 > 80, so all shrink in
        // proportion; the two rounding cells go to the first parts.
        #expect([small.left.width, small.middle.width, small.right.width] == [27, 27, 26])
        #expect(small.status == Rect(x: 0, y: 23, width: 80, height: 1))
        let medium = appLayout(Rect(width: 120, height: 40))
        #expect([medium.left.width, medium.middle.width, medium.right.width] == [42, 36, 42])
        #expect(medium.status == Rect(x: 0, y: 39, width: 120, height: 1))
        let large = appLayout(Rect(width: 200, height: 60))
        #expect([large.left.width, large.middle.width, large.right.width] == [70, 60, 70])
    }

    @Test("fixed, percentage, min and fill")
    func constraintKinds() {
        let area = Rect(x: 2, y: 1, width: 100, height: 10)
        #expect(area.split(.horizontal, [.length(10), .fill(1)]).map(\.width) == [10, 90])
        #expect(area.split(.horizontal, [.percentage(25), .percentage(25)]).map(\.width) == [25, 25])
        #expect(area.split(.horizontal, [.fill(1), .fill(3)]).map(\.width) == [25, 75])
        #expect(area.split(.horizontal, [.min(10), .min(10), .length(20)]).map(\.width) == [40, 40, 20])
        #expect(area.split(.horizontal, [.fill(1), .fill(1), .fill(1)]).map(\.width) == [34, 33, 33])
        let parts = area.split(.vertical, [.length(3), .length(3)], spacing: 1)
        #expect(parts == [Rect(x: 2, y: 1, width: 100, height: 3), Rect(x: 2, y: 5, width: 100, height: 3)])
    }

    @Test("too small: parts shrink in proportion and never leave the rect")
    func tooSmall() {
        let area = Rect(width: 10, height: 1)
        let parts = area.split(.horizontal, [.length(10), .length(5), .length(5)])
        #expect(parts.map(\.width) == [5, 3, 2])
        #expect(parts.map(\.width).reduce(0, +) == 10)
        let spaced = Rect(width: 3, height: 1).split(.horizontal, [.length(2), .length(2), .length(2)], spacing: 2)
        for part in spaced { #expect(Rect(width: 3, height: 1).contains(part) || part.isEmpty) }
    }

    @Test("margins")
    func margins() {
        let area = Rect(x: 0, y: 0, width: 10, height: 6)
        #expect(area.inset(by: Margin(all: 1)) == Rect(x: 1, y: 1, width: 8, height: 4))
        #expect(area.inset(by: Margin(horizontal: 2, vertical: 1)) == Rect(x: 2, y: 1, width: 6, height: 4))
        #expect(area.inset(by: Margin(all: 5)).isEmpty)
        #expect(area.inset(by: Margin(top: 0, right: 0, bottom: 0, left: 12)).isEmpty)
    }

    @Test("intersection, centring, rows")
    func rectMaths() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10), b = Rect(x: 5, y: 5, width: 10, height: 10)
        #expect(a.intersection(b) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 2, height: 2)).isEmpty)
        #expect(a.centered(width: 4, height: 2) == Rect(x: 3, y: 4, width: 4, height: 2))
        #expect(a.row(3) == Rect(x: 0, y: 3, width: 10, height: 1))
        #expect(a.row(10).isEmpty)
    }
}
