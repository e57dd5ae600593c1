import AnimaImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The 16 whole-shape marks of the geometric era (spec §1.17). `scale = 0.5 + energy`; everything clips to the
/// canvas. Integer division follows Python's floor rule (`//`) where operands can be negative.
struct GeometricShapes {
    var canvas: DrawingCanvas
    var random: SeededRandom

    mutating func stamp(_ gesture: Int, cx: Int, cy: Int, direction: Double, energy: Double, color: RGB) {
        let scale = 0.5 + energy
        func scaled(_ base: Int) -> Int { Int(Double(base) * scale) }
        switch gesture {
        case 0:
            circle(cx, cy, radius: scaled(5 + random.randint(3, 15)), color)
        case 1:
            gradientCircle(cx, cy, radius: scaled(5 + random.randint(3, 15)), color, energy: energy)
        case 2:
            spiral(cx, cy, maxRadius: scaled(10 + random.randint(5, 20)), color, tightness: 0.3 + energy * 0.7)
        case 3:
            let length = scaled(20 + random.randint(10, 40))
            line(cx, cy, Int(Double(cx) + cos(direction) * Double(length)),
                 Int(Double(cy) + sin(direction) * Double(length)), color)
        case 4:
            let length = scaled(30 + random.randint(10, 30))
            curve(cx, cy, Int(Double(cx) + cos(direction) * Double(length)),
                  Int(Double(cy) + sin(direction) * Double(length)), color, width: max(1, Int(2 * scale)))
        case 5:
            let radius = scaled(10 + random.randint(5, 20))
            arc(cx, cy, radius: radius, start: direction, length: random.uniform(Double.pi / 2, Double.pi * 1.5), color)
        case 6:
            let amplitude = scaled(5 + random.randint(3, 10))
            wave(cx, cy, amplitude: amplitude, wavelength: 20 + random.randint(10, 30), color)
        case 7:
            let count = random.randint(2, 4)
            rings(cx, cy, count: count, maxRadius: scaled(15 + random.randint(5, 15)), color)
        case 8:
            let rays = random.randint(4, 8)
            starburst(cx, cy, rays: rays, length: scaled(8 + random.randint(5, 15)), color)
        case 9:
            pattern(cx, cy, size: scaled(3 + random.randint(2, 6)), color)
        case 10:
            let width = scaled(8 + random.randint(4, 12))
            let height = scaled(6 + random.randint(3, 10))
            rectangle(cx, cy, width: width, height: height, color, filled: random.random() < 0.6)
        case 11:
            triangle(cx, cy, size: scaled(8 + random.randint(4, 12)), color)
        case 12:
            organic(cx, cy, radius: Int((3 + 5 * energy) * scale), color)
        case 13:
            layered(cx, cy, color, energy: energy, scale: scale)
        case 14:
            let particles = scaled(10 + random.randint(5, 20))
            scatter(cx, cy, particles: particles, spread: scaled(8 + random.randint(4, 12)), color)
        default:
            let length = scaled(15 + random.randint(10, 30))
            drip(cx, cy, length: length, wobble: max(1, Int(3 + (1.0 - energy) * 8)), color)
        }
    }

    mutating func circle(_ cx: Int, _ cy: Int, radius: Int, _ color: RGB) {
        guard radius >= 0 else { return }
        for dx in -radius...radius {
            for dy in -radius...radius where dx * dx + dy * dy <= radius * radius {
                canvas.draw(cx + dx, cy + dy, color)
            }
        }
    }

    /// Colour × (1 − dist/r·0.4)·(0.7 + 0.3·energy) per pixel.
    mutating func gradientCircle(_ cx: Int, _ cy: Int, radius: Int, _ color: RGB, energy: Double) {
        guard radius >= 0 else { return }
        for dx in -radius...radius {
            for dy in -radius...radius where dx * dx + dy * dy <= radius * radius {
                let distance = Double(dx * dx + dy * dy).squareRoot()
                let gradient = (1.0 - distance / Double(max(radius, 1)) * 0.4) * (0.7 + energy * 0.3)
                canvas.draw(cx + dx, cy + dy, EraColor.scaled(color, by: gradient))
            }
        }
    }

    mutating func spiral(_ cx: Int, _ cy: Int, maxRadius: Int, _ color: RGB, tightness: Double) {
        let steps = (2 + Int(tightness * 3)) * 20
        for i in 0..<steps {
            let angle = Double(i) * 2 * Double.pi / 20
            let radius = Double(i) / Double(max(steps, 1)) * Double(maxRadius)
            canvas.draw(Int(Double(cx) + radius * cos(angle)), Int(Double(cy) + radius * sin(angle)), color)
        }
    }

    /// Bresenham from (x1, y1) to (x2, y2).
    mutating func line(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int, _ color: RGB) {
        let dx = abs(x2 - x1)
        let dy = abs(y2 - y1)
        let sx = x1 < x2 ? 1 : -1
        let sy = y1 < y2 ? 1 : -1
        var err = dx - dy
        var x = x1
        var y = y1
        for _ in 0...max(dx, dy) {
            canvas.draw(x, y, color)
            if x == x2 && y == y2 { break }
            let e2 = 2 * err
            if e2 > -dy {
                err -= dy
                x += sx
            }
            if e2 < dx {
                err += dx
                y += sy
            }
        }
    }

    /// Quadratic Bézier through a control point jittered ±30 px off the midpoint, 21 samples, square brush.
    mutating func curve(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int, _ color: RGB, width: Int) {
        let midX = Double(floorDiv(x1 + x2, 2) + random.randint(-30, 30))
        let midY = Double(floorDiv(y1 + y2, 2) + random.randint(-30, 30))
        let half = floorDiv(-width, 2)
        let upper = floorDiv(width, 2)
        for i in 0...20 {
            let t = Double(i) / 20
            let x = Int((1 - t) * (1 - t) * Double(x1) + 2 * (1 - t) * t * midX + t * t * Double(x2))
            let y = Int((1 - t) * (1 - t) * Double(y1) + 2 * (1 - t) * t * midY + t * t * Double(y2))
            for wx in half...upper {
                for wy in half...upper { canvas.draw(x + wx, y + wy, color) }
            }
        }
    }

    mutating func arc(_ cx: Int, _ cy: Int, radius: Int, start: Double, length: Double, _ color: RGB) {
        let steps = max(1, Int(length * Double(radius) / 2))
        for i in 0..<steps {
            let angle = start + Double(i) / Double(steps) * length
            canvas.draw(Int(Double(cx) + Double(radius) * cos(angle)), Int(Double(cy) + Double(radius) * sin(angle)), color)
        }
    }

    /// A 2 px thick sine from the focus rightwards for 100 px.
    mutating func wave(_ startX: Int, _ centerY: Int, amplitude: Int, wavelength: Int, _ color: RGB) {
        let from = max(0, startX)
        let to = min(canvas.width, startX + 100)
        guard from < to else { return }
        for x in from..<to {
            let phase = Double(x - startX) * 2 * Double.pi / Double(max(wavelength, 1))
            let y = Int(Double(centerY) + Double(amplitude) * sin(phase))
            canvas.draw(x, y, color)
            canvas.draw(x, y + 1, color)
        }
    }

    mutating func rings(_ cx: Int, _ cy: Int, count: Int, maxRadius: Int, _ color: RGB) {
        for ring in 1...max(1, count) {
            let radius = Double(ring * maxRadius / count)
            for degrees in stride(from: 0, to: 360, by: 3) {
                let radians = Double(degrees) * Double.pi / 180
                canvas.draw(Int(Double(cx) + radius * cos(radians)), Int(Double(cy) + radius * sin(radians)), color)
            }
        }
    }

    mutating func starburst(_ cx: Int, _ cy: Int, rays: Int, length: Int, _ color: RGB) {
        for i in 0..<rays {
            let angle = Double(i) / Double(rays) * 2 * Double.pi
            for r in stride(from: 1, through: length, by: 1) {
                canvas.draw(Int(Double(cx) + Double(r) * cos(angle)), Int(Double(cy) + Double(r) * sin(angle)), color)
            }
        }
        canvas.draw(cx, cy, color)
    }

    /// A cross, a 4-ray star or a grid of step 2, chosen uniformly.
    mutating func pattern(_ cx: Int, _ cy: Int, size: Int, _ color: RGB) {
        switch random.choiceIndex(3) {
        case 0:
            for i in stride(from: -size, through: size, by: 1) {
                canvas.draw(cx + i, cy, color)
                canvas.draw(cx, cy + i, color)
            }
        case 1:
            for angle in [0, Double.pi / 2, Double.pi, 3 * Double.pi / 2] {
                for r in stride(from: 1, through: size, by: 1) {
                    canvas.draw(Int(Double(cx) + Double(r) * cos(angle)), Int(Double(cy) + Double(r) * sin(angle)), color)
                }
            }
        default:
            for i in stride(from: -size, through: size, by: 2) {
                for j in stride(from: -size, through: size, by: 2) { canvas.draw(cx + i, cy + j, color) }
            }
        }
    }

    mutating func rectangle(_ cx: Int, _ cy: Int, width: Int, height: Int, _ color: RGB, filled: Bool) {
        let x1 = cx - floorDiv(width, 2)
        let y1 = cy - floorDiv(height, 2)
        let x2 = cx + floorDiv(width, 2)
        let y2 = cy + floorDiv(height, 2)
        let xs = max(0, x1)..<max(max(0, x1), min(canvas.width, x2 + 1))
        let ys = max(0, y1)..<max(max(0, y1), min(canvas.height, y2 + 1))
        if filled {
            for x in xs { for y in ys { canvas.draw(x, y, color) } }
        } else {
            for x in xs {
                canvas.draw(x, y1, color)
                canvas.draw(x, y2, color)
            }
            for y in ys {
                canvas.draw(x1, y, color)
                canvas.draw(x2, y, color)
            }
        }
    }

    /// Rows widening downward from the apex.
    mutating func triangle(_ cx: Int, _ cy: Int, size: Int, _ color: RGB) {
        for offset in stride(from: 0, to: size, by: 1) {
            let width = Int(Double(offset) / Double(max(size, 1)) * Double(size))
            let y = cy + offset - floorDiv(size, 2)
            for dx in floorDiv(-width, 2)...floorDiv(width, 2) { canvas.draw(cx + dx, y, color) }
        }
    }

    /// Pixels within 1.1·r kept with probability 0.75 (randomness drawn only for in-canvas candidates).
    mutating func organic(_ cx: Int, _ cy: Int, radius: Int, _ color: RGB) {
        let reach = max(0, radius * 2)
        for dx in -reach...reach {
            for dy in -reach...reach where canvas.contains(cx + dx, cy + dy) {
                let distance = Double(dx * dx + dy * dy).squareRoot()
                if distance < Double(radius) * 1.1 && random.random() < 0.75 {
                    canvas.draw(cx + dx, cy + dy, color)
                }
            }
        }
    }

    /// 2–3 elements at ±30 px offsets, each colour × U(0.8, 1): a circle, then a smaller circle or a pattern,
    /// then 2–4 loose pixels.
    mutating func layered(_ cx: Int, _ cy: Int, _ color: RGB, energy: Double, scale: Double) {
        let elements = random.randint(2, 3)
        for i in 0..<elements {
            let layerColor = EraColor.scaled(color, by: random.uniform(0.8, 1.0))
            let ox = cx + random.randint(-30, 30)
            let oy = cy + random.randint(-30, 30)
            if i == 0 {
                circle(ox, oy, radius: Int((6 + energy * 12) * scale), layerColor)
            } else if i == 1 {
                if random.random() < 0.5 {
                    circle(ox, oy, radius: Int((3 + energy * 6) * scale), layerColor)
                } else {
                    pattern(ox, oy, size: Int((2 + energy * 3) * scale), layerColor)
                }
            } else {
                for _ in 0..<random.randint(2, 4) {
                    let px = ox + random.randint(-10, 10)
                    let py = oy + random.randint(-10, 10)
                    canvas.draw(px, py, layerColor)
                }
            }
        }
    }

    mutating func scatter(_ cx: Int, _ cy: Int, particles: Int, spread: Int, _ color: RGB) {
        for _ in 0..<max(0, particles) {
            let dx = Int(random.gauss(0, Double(spread) / 3))
            let dy = Int(random.gauss(0, Double(spread) / 3))
            canvas.draw(cx + dx, cy + dy, color)
        }
    }

    /// Downward, the x wobbling by up to ±wobble per row.
    mutating func drip(_ x: Int, _ startY: Int, length: Int, wobble: Int, _ color: RGB) {
        var currentX = x
        let end = min(canvas.height, startY + length)
        guard startY < end else { return }
        for y in startY..<end {
            canvas.draw(currentX, y, color)
            currentX = min(canvas.width - 1, max(0, currentX + random.randint(-wobble, wobble)))
        }
    }
}

/// Python's `a // b` for b > 0 (rounds toward −∞).
@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
