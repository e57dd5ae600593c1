/// Finds what changed between the frame the panel holds and the new one, as few windows as is worth sending.
///
/// Per row, changed pixels become spans; two spans merge when the unchanged gap between them is at most `mergeGap`
/// pixels (re-addressing costs about as many bytes as a few pixels). Spans with the same columns on consecutive rows
/// become one rectangle, so a blob costs one CASET/RASET/RAMWR. Pure: no I/O, tested exactly.
public enum SpanDiff {
    public static let defaultMergeGap = 4

    /// Windows covering every pixel that differs between `current` and `previous` inside `region`, ordered by
    /// top row then left column. Both arrays are row-major with `width` words per row.
    public static func windows(
        current: [UInt32], previous: [UInt32], width: Int, region: Window, mergeGap: Int = defaultMergeGap
    ) -> [Window] {
        var finished: [Window] = []
        // Rectangles still growing downwards, keyed by their column range.
        var open: [Window] = []
        current.withUnsafeBufferPointer { now in
            previous.withUnsafeBufferPointer { before in
                for y in region.y...region.maxY {
                    let spans = rowSpans(now, before, row: y * width, from: region.x, to: region.maxX, mergeGap: mergeGap)
                    var stillOpen: [Window] = []
                    for span in spans {
                        if let index = open.firstIndex(where: { $0.x == span.lowerBound && $0.maxX == span.upperBound }) {
                            var grown = open.remove(at: index)
                            grown.height += 1
                            stillOpen.append(grown)
                        } else {
                            stillOpen.append(Window(x: span.lowerBound, y: y, width: span.count, height: 1))
                        }
                    }
                    finished += open
                    open = stillOpen
                }
            }
        }
        finished += open
        return finished.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
    }

    /// Closed column ranges of changed pixels in one row, merged across gaps of at most `mergeGap`.
    static func rowSpans(
        _ now: UnsafeBufferPointer<UInt32>, _ before: UnsafeBufferPointer<UInt32>,
        row: Int, from x0: Int, to x1: Int, mergeGap: Int
    ) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        var start = -1
        var end = -1
        var x = x0
        while x <= x1 {
            if now[row + x] != before[row + x] {
                if start < 0 {
                    start = x
                } else if x - end - 1 > mergeGap {
                    spans.append(start...end)
                    start = x
                }
                end = x
            }
            x += 1
        }
        if start >= 0 { spans.append(start...end) }
        return spans
    }
}
