/// The picture's size and placement at each rotation, for `boards show`: computed by the display layer's
/// rotation math from the board's configuration, so what is shown is what the driver sends.
public enum BoardGeometry {
    public struct Row: Sendable, Equatable {
        public var rotation: BoardRotation
        public var width: Int
        public var height: Int
        /// What is added to logical CASET/RASET addresses at this rotation.
        public var xOffset: Int
        public var yOffset: Int
        /// The MADCTL byte sent at this rotation (nil for page-addressed monochrome controllers).
        public var madctl: UInt8?
    }

    public static func table(_ board: BoardDefinition) throws(FlashError) -> [Row] {
        var rows: [Row] = []
        for rotation in BoardRotation.allCases {
            let configuration = try board.panelConfiguration(rotation: rotation)
            let offset = configuration.windowOffset
            rows.append(Row(
                rotation: rotation, width: configuration.logicalWidth, height: configuration.logicalHeight,
                xOffset: offset.x, yOffset: offset.y,
                madctl: configuration.controller.isMonochrome ? nil : configuration.madctl))
        }
        return rows
    }
}
