/// The picture's size and placement at each rotation, for `boards show` and the overlay parameters.
public enum BoardGeometry {
    public struct Row: Sendable, Equatable {
        public var rotation: BoardRotation
        public var width: Int
        public var height: Int
        public var xOffset: Int
        public var yOffset: Int
        /// The MADCTL byte sent at this rotation (nil for controllers without one).
        public var madctl: UInt8?
    }

    public static func table(_ board: BoardDefinition) throws(FlashError) -> [Row] {
        BoardRotation.allCases.map { rotation in
            let turned = rotation == .deg90 || rotation == .deg270
            return Row(rotation: rotation,
                       width: turned ? board.display.height : board.display.width,
                       height: turned ? board.display.width : board.display.height,
                       xOffset: board.display.xOffset, yOffset: board.display.yOffset, madctl: nil)
        }
    }
}
