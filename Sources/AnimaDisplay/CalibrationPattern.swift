import AnimaImage

/// The picture that proves a panel is set up right: a 1-pixel white border (offsets), corner marks that differ in
/// count and colour (rotation and mirroring: top-left 1 red, top-right 2 green, bottom-right 3 blue, bottom-left
/// 4 yellow squares), and red, green, blue bars (colour order and inversion). Works on 1-bit panels too: marks have
/// white outlines and differ in count.
public enum CalibrationPattern {
    public static func image(width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        let white = RGB(255, 255, 255)
        for x in 0..<width {
            image[x, 0] = white
            image[x, height - 1] = white
        }
        for y in 0..<height {
            image[0, y] = white
            image[width - 1, y] = white
        }
        let mark = max(3, min(width, height) / 16)
        let corners: [(color: RGB, count: Int, right: Bool, bottom: Bool)] = [
            (RGB(255, 0, 0), 1, false, false), (RGB(0, 255, 0), 2, true, false),
            (RGB(0, 0, 255), 3, true, true), (RGB(255, 255, 0), 4, false, true),
        ]
        for corner in corners {
            for index in 0..<corner.count {
                let step = index * (mark + 1)
                let x = corner.right ? width - 2 - mark - step : 2 + step
                let y = corner.bottom ? height - 2 - mark : 2
                square(&image, x: x, y: y, size: mark, fill: corner.color, outline: white)
            }
        }
        let barTop = height / 3, barHeight = max(1, height / 3)
        let barWidth = max(1, (width - 4) / 3)
        for (index, color) in [RGB(255, 0, 0), RGB(0, 255, 0), RGB(0, 0, 255)].enumerated() {
            let x0 = 2 + index * barWidth
            for y in stride(from: barTop, to: min(barTop + barHeight, height - 1), by: 1) {
                for x in stride(from: x0, to: min(x0 + barWidth, width - 1), by: 1) { image[x, y] = color }
            }
        }
        return image
    }

    private static func square(_ image: inout RGBImage, x: Int, y: Int, size: Int, fill: RGB, outline: RGB) {
        for dy in 0..<size {
            for dx in 0..<size where image.contains(x: x + dx, y: y + dy) {
                let edge = dx == 0 || dy == 0 || dx == size - 1 || dy == size - 1
                image[x + dx, y + dy] = edge ? outline : fill
            }
        }
    }
}
